-- Birthday gifts: a consumer may add their birthday (month and day only, "MM-DD"); the daily
-- birthday job finds today's birthdays through the index.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "birthday" text;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_birthday" ON "users" ("birthday") WHERE "birthday" IS NOT NULL;
