CREATE TABLE "pos_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"provider" text NOT NULL,
	"provider_refund_id" text NOT NULL,
	"provider_transaction_id" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"webhook_event_id" text,
	"points_reversed" integer DEFAULT 0 NOT NULL,
	"points_shortfall" integer DEFAULT 0 NOT NULL,
	"applied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pos_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"identity_priority" jsonb DEFAULT '["phone","email"]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pos_transactions" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "pos_transactions" ADD COLUMN "identity" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "pos_transactions" ADD COLUMN "explanation" text;--> statement-breakpoint
ALTER TABLE "pos_transactions" ADD COLUMN "points_reversed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pos_transactions" ADD COLUMN "duplicates" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "source" text DEFAULT 'webhook' NOT NULL;--> statement-breakpoint
ALTER TABLE "pos_refunds" ADD CONSTRAINT "pos_refunds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_settings" ADD CONSTRAINT "pos_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pos_refunds_once" ON "pos_refunds" USING btree ("tenant_id","provider","provider_refund_id");--> statement-breakpoint
CREATE INDEX "pos_refunds_sale" ON "pos_refunds" USING btree ("tenant_id","provider","provider_transaction_id");--> statement-breakpoint
CREATE INDEX "pos_transactions_tenant_created" ON "pos_transactions" USING btree ("tenant_id","created_at");