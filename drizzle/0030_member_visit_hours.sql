-- Issue 14.6 / 18.3: the analytics' member counts (active 30/90 days, visitors and repeat
-- visitors in a window) read an hourly histogram of members by their last visit instead of
-- counting every member's row (100k rows per view at 100k members; ADR 0026, amended).
-- `hour` is the UTC hour (date_bin from the epoch, independent of the session's time zone) of a
-- member's last visit; `members` counts them, `repeaters` those among them with two visits or
-- more. Kept by the activity rollup in the same statement that moves member_activity, so the two
-- always agree; backfilled here from member_activity.
CREATE TABLE "member_visit_hours" (
	"tenant_id" text NOT NULL REFERENCES "tenants"("id"),
	"hour" timestamp with time zone NOT NULL,
	"members" integer NOT NULL,
	"repeaters" integer NOT NULL,
	CONSTRAINT "member_visit_hours_pk" PRIMARY KEY ("tenant_id", "hour")
);
--> statement-breakpoint
SELECT set_config('app.scope', 'system', true);
--> statement-breakpoint
INSERT INTO "member_visit_hours" ("tenant_id", "hour", "members", "repeaters")
SELECT tenant_id, date_bin('1 hour', last_visit_at, timestamptz '1970-01-01 00:00:00+00'), count(*), count(*) FILTER (WHERE visits >= 2)
  FROM "member_activity" GROUP BY 1, 2;
