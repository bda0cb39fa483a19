ALTER TABLE "sessions" ADD COLUMN "external_session_id" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_external_session_id_unique" UNIQUE("external_session_id");