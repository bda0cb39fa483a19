-- Shop settings and team (issue 14.1, 14.2). Branding the consumer sees on this shop's wallet
-- card and redemption page, and a contact email; all optional (null = SalesArck's defaults).
-- brand_text is the text colour the contrast check chose for brand_color (#000000 or #ffffff).
ALTER TABLE "tenants" ADD COLUMN IF NOT EXISTS "brand_color" text;
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN IF NOT EXISTS "brand_text" text;
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN IF NOT EXISTS "logo_url" text;
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN IF NOT EXISTS "contact_email" text;
--> statement-breakpoint
-- Invitations by phone as well as email: exactly one of the two, each unique per shop while the
-- row exists (a second invite to the same person updates the waiting one instead).
ALTER TABLE "tenant_invites" ALTER COLUMN "email" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "tenant_invites" ADD COLUMN IF NOT EXISTS "phone" text;
--> statement-breakpoint
ALTER TABLE "tenant_invites" ADD COLUMN IF NOT EXISTS "invited_by" text;
--> statement-breakpoint
ALTER TABLE "tenant_invites" ADD CONSTRAINT "tenant_invites_one_destination" CHECK (("email" IS NULL) <> ("phone" IS NULL));
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "tenant_invites_tenant_phone" ON "tenant_invites" ("tenant_id", "phone");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tenant_invites_phone" ON "tenant_invites" ("phone");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tenant_invites_email" ON "tenant_invites" ("email");
--> statement-breakpoint
-- The team list shows each member's last sign-in: the newest session of that user.
CREATE INDEX IF NOT EXISTS "sessions_user_created" ON "sessions" ("user_id", "created_at");
