-- Issue 18.3: the analytics' points over a long window (up to 365 days) summed 35,000 quarter-hour
-- rows of ledger_flows per view. ledger_flow_days holds the same flows per UTC day, kept by the
-- flow rollup in the statement that writes the quarter hours; a window reads whole days here and
-- only its ragged ends (a local midnight is rarely a UTC one) from ledger_flows. Backfilled from
-- the quarter hours already rolled up.
CREATE TABLE "ledger_flow_days" (
	"tenant_id" text NOT NULL REFERENCES "tenants"("id"),
	"day" timestamp with time zone NOT NULL,
	"earned" bigint DEFAULT 0 NOT NULL,
	"spent" bigint DEFAULT 0 NOT NULL,
	"net" bigint DEFAULT 0 NOT NULL,
	"expired" bigint DEFAULT 0 NOT NULL,
	"entries" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_flow_days_pk" PRIMARY KEY ("tenant_id", "day")
);
--> statement-breakpoint
SELECT set_config('app.scope', 'system', true);
--> statement-breakpoint
INSERT INTO "ledger_flow_days" ("tenant_id", "day", "earned", "spent", "net", "expired", "entries")
SELECT tenant_id, date_bin('1 day', bucket, timestamptz '1970-01-01 00:00:00+00'), sum(earned), sum(spent), sum(net), sum(expired), sum(entries)
  FROM "ledger_flows" GROUP BY 1, 2;
