// The merchant's view of the programme as a liability: points outstanding (what the shop owes
// its customers), members, and points earned and spent per day in the shop's time zone.
// Ledger figures come from the worker's rollup (flow-rollup.ts) up to the tenant's mark plus the
// ledger itself after it, so they are exact at any moment and cost the same at 1M entries as at
// 1k (ADR 0020); so does the members count (counted up to the mark by the same job). Every real time-zone offset is a whole number of 15-minute buckets.
import { sql } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { execRows } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'

export type DayFlow = { day: string; earned: number; spent: number }
export type ProgrammeStats = {
  outstanding: number
  members: number
  signedUp: number
  redemptionsCompleted: number
  days: DayFlow[]
}

/** Local calendar days, oldest first, `days` of them ending today in `timeZone`. */
function dayKeys(now: Date, timeZone: string, days: number): string[] {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  const keys = new Set<string>()
  for (let i = days + 1; i >= 0; i--) keys.add(fmt.format(new Date(now.getTime() - i * 86_400_000)))
  return [...keys].slice(-days)
}

const EARNED = sql.raw(`type in ('earn', 'earn_reversal')`)
const SPENT = sql.raw(`type in ('redeem', 'redeem_reversal')`)

export async function programmeStats(
  db: Db,
  scope: TenantScope,
  opts: { now: Date; timeZone: string; days: number },
): Promise<ProgrammeStats> {
  const since = new Date(opts.now.getTime() - (opts.days + 1) * 86_400_000).toISOString()
  const t = scope.tenantId
  return inTenant(db, scope, async (tx) => {
    // The mark is read first and passed as a value: hidden in a subquery, the planner cannot
    // see that the tail after it is tiny and scans the whole ledger. No rollup yet (a new shop,
    // before the worker's first pass): the mark is the epoch and the tail is the whole ledger.
    const [mark] = await execRows<{ until: string; net: string | number; members: string | number }>(
      tx,
      sql`select rolled_until::text as until, net, members from ledger_rollups where tenant_id = ${t}`,
    )
    const until = mark?.until ?? '1970-01-01 00:00:00+00'
    const [head] = await execRows<{
      tail: string | number | null
      members: string | number
      signed_up: string | number
      redeemed: string | number
    }>(
      tx,
      sql`select (select sum(points) from ledger_entries where tenant_id = ${t} and created_at >= ${until}::timestamptz) as tail,
                 (select count(*) from members where tenant_id = ${t} and created_at >= ${until}::timestamptz) as members,
                 (select count(*) from members where tenant_id = ${t} and user_id is not null) as signed_up,
                 (select count(*) from redemptions where tenant_id = ${t} and status = 'completed' and created_at >= ${since}::timestamptz) as redeemed`,
    )
    // Earned = credits from sales and corrections upward; spent = redemptions net of returns.
    const flows = await execRows<{ day: string; earned: string | number; spent: string | number }>(
      tx,
      sql`select day, sum(earned) as earned, sum(spent) as spent from (
            select to_char(bucket at time zone ${opts.timeZone}, 'YYYY-MM-DD') as day, earned, spent
              from ledger_flows where tenant_id = ${t} and bucket >= ${since}::timestamptz and bucket < ${until}::timestamptz
            union all
            select to_char(created_at at time zone ${opts.timeZone}, 'YYYY-MM-DD'),
                   coalesce(sum(points) filter (where ${EARNED}), 0), coalesce(-sum(points) filter (where ${SPENT}), 0)
              from ledger_entries where tenant_id = ${t} and created_at >= greatest(${since}::timestamptz, ${until}::timestamptz)
             group by 1) f
          group by day`,
    )
    const byDay = new Map(flows.map((f) => [f.day, { earned: Number(f.earned), spent: Number(f.spent) }]))
    return {
      outstanding: Number(mark?.net ?? 0) + Number(head?.tail ?? 0),
      members: Number(mark?.members ?? 0) + Number(head?.members ?? 0),
      signedUp: Number(head?.signed_up ?? 0),
      redemptionsCompleted: Number(head?.redeemed ?? 0),
      days: dayKeys(opts.now, opts.timeZone, opts.days).map((day) => ({
        day,
        earned: byDay.get(day)?.earned ?? 0,
        spent: byDay.get(day)?.spent ?? 0,
      })),
    }
  })
}
