-- Shop essentials: member names (from imports, and from the POS where it gives one) and the
-- keyset indexes the streamed exports walk: (tenant, created_at, id) per exported table.
-- IF NOT EXISTS: another migration of this wave may add the same column.
ALTER TABLE "members" ADD COLUMN IF NOT EXISTS "name" text;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "members_tenant_created_id" ON "members" ("tenant_id", "created_at", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ledger_entries_tenant_created_id" ON "ledger_entries" ("tenant_id", "created_at", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pos_transactions_tenant_created_id" ON "pos_transactions" ("tenant_id", "created_at", "id");
