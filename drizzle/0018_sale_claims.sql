-- Claimable receipts: one claim code per sale awarded to nobody (see src/pos/ingest/sale-claims.ts).
CREATE TABLE IF NOT EXISTS "sale_claims" (
  "id" text PRIMARY KEY NOT NULL,
  "tenant_id" text NOT NULL REFERENCES "tenants"("id"),
  "transaction_id" text NOT NULL REFERENCES "pos_transactions"("id"),
  "code" text NOT NULL,
  "expires_at" timestamp with time zone NOT NULL,
  "claimed_at" timestamp with time zone,
  "claimed_by_user_id" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "sale_claims_transaction" ON "sale_claims" ("transaction_id");
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "sale_claims_code" ON "sale_claims" ("code");
