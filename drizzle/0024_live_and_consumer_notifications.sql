-- Live updates read back a processing batch's sales by their inbox row (src/pos/ingest/applied-sales.ts).
CREATE INDEX IF NOT EXISTS "pos_transactions_webhook_event" ON "pos_transactions" ("webhook_event_id") WHERE "webhook_event_id" IS NOT NULL;
--> statement-breakpoint
-- Consumer notifications (ADR 0024). Consent per person, shop and channel, as a log of what was
-- given or withdrawn, when, through what, and the exact wording shown: the latest row wins.
CREATE TABLE IF NOT EXISTS "notification_consents" (
  "id" text PRIMARY KEY NOT NULL,
  "tenant_id" text NOT NULL REFERENCES "tenants"("id"),
  "user_id" text NOT NULL,
  "channel" text NOT NULL CHECK ("channel" IN ('email', 'sms')),
  "action" text NOT NULL CHECK ("action" IN ('given', 'withdrawn')),
  "source" text NOT NULL,
  "wording" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "notification_consents_latest" ON "notification_consents" ("tenant_id", "user_id", "channel", "created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "notification_consents_user" ON "notification_consents" ("user_id");
--> statement-breakpoint
-- One row per notification ever decided on: its key makes a retried trigger a no-op.
CREATE TABLE IF NOT EXISTS "consumer_notifications" (
  "id" text PRIMARY KEY NOT NULL,
  "tenant_id" text NOT NULL REFERENCES "tenants"("id"),
  "user_id" text NOT NULL,
  "kind" text NOT NULL,
  "dedupe_key" text NOT NULL,
  "channel" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "consumer_notifications_once" ON "consumer_notifications" ("tenant_id", "dedupe_key");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_append_only_tables() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['ledger_entries', 'lot_allocations', 'audit_events', 'rule_versions', 'notification_consents', 'consumer_notifications']::text[]
$$;
