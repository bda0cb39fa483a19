-- Referrals (src/referrals): a member's invitation link per shop, and the friends who joined
-- through it. RLS and the runtime role's grants come from the guards the migrator re-applies
-- after every migration (0001, 0012); referrals is append-only like the ledger.
CREATE TABLE IF NOT EXISTS "referral_links" (
  "id" text PRIMARY KEY NOT NULL,
  "tenant_id" text NOT NULL REFERENCES "tenants"("id"),
  "member_id" text NOT NULL REFERENCES "members"("id"),
  "code" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "referral_links_member" ON "referral_links" ("tenant_id", "member_id");
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "referral_links_code" ON "referral_links" ("code");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "referrals" (
  "id" text PRIMARY KEY NOT NULL,
  "tenant_id" text NOT NULL REFERENCES "tenants"("id"),
  "referrer_member_id" text NOT NULL REFERENCES "members"("id"),
  "referred_member_id" text NOT NULL REFERENCES "members"("id"),
  "outcome" text NOT NULL,
  "rule_version_id" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "referrals_outcome_check" CHECK ("outcome" IN ('joined', 'capped')),
  CONSTRAINT "referrals_not_self" CHECK ("referrer_member_id" <> "referred_member_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "referrals_referred" ON "referrals" ("tenant_id", "referred_member_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "referrals_referrer" ON "referrals" ("tenant_id", "referrer_member_id", "created_at");
--> statement-breakpoint
-- Adds referrals to whatever the append-only list holds by now (read, not restated), so a
-- migration adding another append-only table in parallel is not undone by this one.
DO $$
DECLARE cur text[] := app_append_only_tables();
BEGIN
  IF NOT ('referrals' = ANY (cur)) THEN
    EXECUTE format('CREATE OR REPLACE FUNCTION app_append_only_tables() RETURNS text[] LANGUAGE sql IMMUTABLE AS %L',
      format('SELECT %L::text[]', cur || 'referrals'::text));
  END IF;
END $$;
