-- Issue 18: the books and dashboards at platform size. Why each piece exists is in
-- docs/decisions/0020-ledger-at-platform-size.md; in short:
-- * reconciliation walks wallets in id order in batches and sums each batch from narrow indexes
--   (index-only scans of wallet_id + points) instead of one correlated subquery per wallet;
-- * the merchant overview reads 15-minute flow buckets rolled up by the worker;
-- * member listing is keyset-paginated on (created_at, id) (members_tenant_created_id, from
--   0016, read backwards); search is by prefix of the email
--   and by the last digits of the phone (a prefix of the reversed phone), on btree
--   text_pattern_ops indexes queried with leakproof range operators. A pg_trgm index cannot
--   serve ILIKE '%…%' under row-level security: LIKE is not leakproof, so Postgres never
--   evaluates it before the policy and falls back to scanning every member.
-- Replaces (wallet_id, created_at): same order for statements, plus points and tenant_id so
-- reconciliation sums a wallet range by an index-only scan (the RLS policy reads tenant_id).
DROP INDEX IF EXISTS "ledger_entries_wallet";
--> statement-breakpoint
CREATE INDEX "ledger_entries_wallet" ON "ledger_entries" USING btree ("wallet_id","created_at","points","tenant_id");
--> statement-breakpoint
-- The missing-lot check and the reversal path look lots up by their entry.
CREATE INDEX "lots_entry" ON "lots" USING btree ("entry_id");
--> statement-breakpoint
CREATE INDEX "lots_wallet_sums" ON "lots" USING btree ("wallet_id","points","remaining","tenant_id");
--> statement-breakpoint
-- Replaces (tenant_id): per-tenant reconciliation pages through a tenant's wallets by id.
DROP INDEX IF EXISTS "wallets_tenant";
--> statement-breakpoint
CREATE INDEX "wallets_tenant" ON "wallets" USING btree ("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "phone_reversed" text GENERATED ALWAYS AS (reverse("phone")) STORED;
--> statement-breakpoint
CREATE INDEX "members_email_prefix" ON "members" USING btree ("tenant_id","email" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "members_phone_suffix" ON "members" USING btree ("tenant_id","phone_reversed" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "redemptions_tenant_completed" ON "redemptions" USING btree ("tenant_id","created_at") WHERE status = 'completed';
--> statement-breakpoint
CREATE TABLE "ledger_flows" (
	"tenant_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"earned" bigint DEFAULT 0 NOT NULL,
	"spent" bigint DEFAULT 0 NOT NULL,
	"net" bigint DEFAULT 0 NOT NULL,
	"entries" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_flows_tenant_id_bucket_pk" PRIMARY KEY("tenant_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "ledger_rollups" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"rolled_until" timestamp with time zone NOT NULL,
	"net" bigint DEFAULT 0 NOT NULL,
	"members" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_flows" ADD CONSTRAINT "ledger_flows_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ledger_rollups" ADD CONSTRAINT "ledger_rollups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Not "tenant_id": a platform-wide run has none, and the runs list is read outside tenant scope.
ALTER TABLE "reconciliation_runs" ADD COLUMN "scope_tenant_id" text REFERENCES "public"."tenants"("id");
--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD COLUMN "wallets_total" integer;
