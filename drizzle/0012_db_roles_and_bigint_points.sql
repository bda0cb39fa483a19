-- Two things the database must guarantee on its own (issue 12, items 7 and 8).
--
-- 1. Points are 64-bit. Three admin adjustments of +999,999,999 overflowed the 32-bit balance
--    and answered 500. Every column that holds points (and the minor-unit amounts of the sales
--    that earn them) becomes bigint; the application caps single operations and balances well
--    inside 2^53 (src/shared/points.ts), so JSON numbers stay exact.
--
-- 2. The runtime role owns nothing (ADR 0018). Migrations run as the owner role
--    (DATABASE_MIGRATION_URL); the role of DATABASE_URL only gets what the app needs. The
--    migrator calls app_grant_runtime(<runtime role>) after every migration, next to the RLS and
--    append-only guards, so tables added later are granted without anyone remembering to.
--    Append-only tables get SELECT and INSERT only: an UPDATE is refused by privilege before
--    the trigger is even reached, and as a non-owner the app cannot disable that trigger.
ALTER TABLE "ledger_entries" ALTER COLUMN "points" TYPE bigint, ALTER COLUMN "balance_after" TYPE bigint;--> statement-breakpoint
ALTER TABLE "lots" ALTER COLUMN "points" TYPE bigint, ALTER COLUMN "remaining" TYPE bigint;--> statement-breakpoint
ALTER TABLE "lot_allocations" ALTER COLUMN "points" TYPE bigint;--> statement-breakpoint
ALTER TABLE "redemptions" ALTER COLUMN "points" TYPE bigint;--> statement-breakpoint
ALTER TABLE "wallets" ALTER COLUMN "balance" TYPE bigint;--> statement-breakpoint
ALTER TABLE "reconciliation_findings" ALTER COLUMN "expected" TYPE bigint, ALTER COLUMN "actual" TYPE bigint, ALTER COLUMN "difference" TYPE bigint;--> statement-breakpoint
ALTER TABLE "pos_transactions" ALTER COLUMN "total_minor" TYPE bigint, ALTER COLUMN "refunded_minor" TYPE bigint, ALTER COLUMN "points_awarded" TYPE bigint, ALTER COLUMN "points_reversed" TYPE bigint;--> statement-breakpoint
ALTER TABLE "pos_refunds" ALTER COLUMN "amount_minor" TYPE bigint, ALTER COLUMN "points_reversed" TYPE bigint, ALTER COLUMN "points_shortfall" TYPE bigint;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_grant_runtime(runtime_role text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', runtime_role);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', runtime_role);
  EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %I', runtime_role);
  FOREACH t IN ARRAY app_append_only_tables() LOOP
    IF to_regclass(format('public.%I', t)) IS NOT NULL THEN
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM %I', t, runtime_role);
    END IF;
  END LOOP;
END $$;
