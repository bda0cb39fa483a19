-- Clover's webhook verification code (issue 10.4): platform-level, one row per provider, only the
-- latest code kept. No tenant_id: it belongs to SalesArck's app, not to a shop.
CREATE TABLE "pos_webhook_verifications" (
	"provider" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Clover App Market installs (issue 10.4): the code is exchanged at once (codes are short-lived)
-- and the sealed tokens wait here until a signed-in shop owner confirms which shop to connect.
-- No tenant_id until then: the row names no shop. Deleted when confirmed or expired.
CREATE TABLE "pos_pending_installs" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"external_merchant_id" text NOT NULL,
	"merchant_name" text,
	"access_token_enc" text NOT NULL,
	"refresh_token_enc" text,
	"token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "pos_pending_installs_expiry" ON "pos_pending_installs" USING btree ("expires_at");
--> statement-breakpoint
-- Toast ownership proof (issue 12.1, ADR 0016): a restaurant link starts pending with a one-time
-- claim code (sealed like a token) that a platform admin must enter to activate it.
ALTER TABLE "pos_connection_sync" ADD COLUMN "claim_code_enc" text;
--> statement-breakpoint
ALTER TABLE "pos_connection_sync" ADD COLUMN "claim_failures" integer DEFAULT 0 NOT NULL;
