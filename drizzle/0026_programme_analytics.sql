-- Issue 14.6: programme analytics on the merchant overview (ADR 0026).
-- * ledger_flows gains the points that lapsed per bucket (expired), so breakage is read from the
--   same 15-minute rollup as earned and spent. Buckets already rolled up are backfilled from the
--   ledger here, in the migration's own transaction (system scope only for this transaction).
-- * Per-member activity facts (first and last visit, visits, points earned from sales) and the
--   cohort counts are kept by the worker's activity rollup, so the overview reads at most one row
--   per member, never the sales.
-- * tenants.redemption_value_per_100_points: what 100 points are worth when redeemed, in minor
--   units of the shop's currency (default 100: a point is worth one cent); the liability in money.
ALTER TABLE "ledger_flows" ADD COLUMN "expired" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
SELECT set_config('app.scope', 'system', true);
--> statement-breakpoint
UPDATE "ledger_flows" f SET "expired" = x.expired
  FROM (SELECT e.tenant_id, date_bin('15 minutes', e.created_at, timestamptz '2000-01-01 00:00:00+00') AS bucket, -sum(e.points) AS expired
          FROM "ledger_entries" e JOIN "ledger_rollups" r ON r.tenant_id = e.tenant_id
         WHERE e.type = 'expiry' AND e.created_at < r.rolled_until
         GROUP BY 1, 2) x
 WHERE f.tenant_id = x.tenant_id AND f.bucket = x.bucket;
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "redemption_value_per_100_points" integer DEFAULT 100 NOT NULL;
--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_redemption_value_range" CHECK ("redemption_value_per_100_points" >= 0 AND "redemption_value_per_100_points" <= 1000000);
--> statement-breakpoint
CREATE TABLE "member_activity" (
	"tenant_id" text NOT NULL REFERENCES "tenants"("id"),
	"member_id" text NOT NULL,
	"first_visit_at" timestamp with time zone NOT NULL,
	"last_visit_at" timestamp with time zone NOT NULL,
	"first_month" date NOT NULL,
	"visits" integer NOT NULL,
	"points_earned" bigint NOT NULL,
	CONSTRAINT "member_activity_pk" PRIMARY KEY ("tenant_id", "member_id")
);
--> statement-breakpoint
-- Active members and repeat-visit rate: one range of this index per window.
CREATE INDEX "member_activity_last_visit" ON "member_activity" USING btree ("tenant_id", "last_visit_at", "visits");
--> statement-breakpoint
-- Top members: read in order, stop after ten.
CREATE INDEX "member_activity_top" ON "member_activity" USING btree ("tenant_id", "visits" DESC, "points_earned" DESC, "member_id");
--> statement-breakpoint
CREATE TABLE "member_visit_months" (
	"tenant_id" text NOT NULL REFERENCES "tenants"("id"),
	"member_id" text NOT NULL,
	"month" date NOT NULL,
	CONSTRAINT "member_visit_months_pk" PRIMARY KEY ("tenant_id", "member_id", "month")
);
--> statement-breakpoint
CREATE TABLE "cohort_activity" (
	"tenant_id" text NOT NULL REFERENCES "tenants"("id"),
	"cohort_month" date NOT NULL,
	"month" date NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "cohort_activity_pk" PRIMARY KEY ("tenant_id", "cohort_month", "month")
);
--> statement-breakpoint
CREATE TABLE "activity_rollups" (
	"tenant_id" text PRIMARY KEY NOT NULL REFERENCES "tenants"("id"),
	"rolled_until" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
