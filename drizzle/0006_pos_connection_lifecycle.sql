CREATE TABLE "pos_connection_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"reason" text,
	"notified" integer DEFAULT 0 NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pos_connection_sync" (
	"connection_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"grant" text DEFAULT 'none' NOT NULL,
	"token_refreshed_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"token_host" text,
	"degraded_cause" text,
	"last_failure_at" timestamp with time zone,
	"poll_cursor" text,
	"poll_not_before" timestamp with time zone,
	"refresh_failures" integer DEFAULT 0 NOT NULL,
	"next_refresh_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pos_oauth_states" (
	"state" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"provider" text NOT NULL,
	"code_verifier" text,
	"shop" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pos_partner_tokens" (
	"provider" text PRIMARY KEY NOT NULL,
	"access_token_enc" text NOT NULL,
	"expires_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pos_reconciliation_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"provider" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"pos_count" integer NOT NULL,
	"ingested_count" integer NOT NULL,
	"missing" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pos_connection_changes" ADD CONSTRAINT "pos_connection_changes_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_connection_sync" ADD CONSTRAINT "pos_connection_sync_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_reconciliation_reports" ADD CONSTRAINT "pos_reconciliation_reports_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pos_connection_changes_conn" ON "pos_connection_changes" USING btree ("connection_id","at");--> statement-breakpoint
CREATE INDEX "pos_oauth_states_expiry" ON "pos_oauth_states" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "pos_reconciliation_reports_tenant" ON "pos_reconciliation_reports" USING btree ("tenant_id","created_at");