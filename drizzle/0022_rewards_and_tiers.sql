-- Reward catalog and tiers (ADR 0023). A redemption keeps the reward it bought and the rule
-- version it was issued under: the name is copied so the till says what to give even after
-- the catalog changes. member_tiers is a projection of the ledger (recomputed on each award
-- and nightly), so it is updatable; RLS and the runtime grants come from the guard functions.
ALTER TABLE "redemptions" ADD COLUMN IF NOT EXISTS "reward_id" text;
--> statement-breakpoint
ALTER TABLE "redemptions" ADD COLUMN IF NOT EXISTS "reward_name" text;
--> statement-breakpoint
ALTER TABLE "redemptions" ADD COLUMN IF NOT EXISTS "rule_version_id" text;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "member_tiers" (
  "wallet_id" text PRIMARY KEY NOT NULL REFERENCES "wallets"("id"),
  "tenant_id" text NOT NULL REFERENCES "tenants"("id"),
  "tier" text,
  "points_in_window" bigint NOT NULL,
  "rule_version_id" text NOT NULL,
  "computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "member_tiers_tenant" ON "member_tiers" ("tenant_id", "wallet_id");
