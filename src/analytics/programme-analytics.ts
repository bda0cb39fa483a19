// The merchant's programme analytics (issue 14.6; each figure is defined in ADR 0026 and on the
// page). Points figures are exact at any moment (the ledger rollup plus its tail); member figures
// come from the activity rollup and are as of its mark (`asOf`, at most ~20 minutes old). Every
// read is an index range over rollup rows: member counts sum an hourly histogram (a few thousand
// rows for a year, whatever the number of members); nothing here scans the sales or every member.
import { sql } from 'drizzle-orm'
import { execRows } from '../infra/db'
import type { Db } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { pointsBreakdown } from '../ledger'
import { type Cohort, cohortTable, lastMonths, liabilityMinor, rate } from './metrics'

/** How many months of cohorts the page and the API show. */
export const COHORT_MONTHS = 12
const TOP_MEMBERS = 10

export type TopMember = {
  memberId: string
  name: string | null
  phone: string | null
  email: string | null
  visits: number
  pointsEarned: number
  balance: number
  lastVisitAt: Date
}

export type ProgrammeAnalytics = {
  days: number
  /** Local midnight starting the window: today and the `days − 1` days before it. */
  windowStart: Date
  /** Member figures count visits up to here; null before the worker's first pass. */
  asOf: Date | null
  timeZone: string
  currency: string
  visitors: number
  repeatVisitors: number
  repeatVisitRate: number | null
  active30: number
  active90: number
  issued: number
  redeemed: number
  expired: number
  outstanding: number
  breakageRate: number | null
  redemptionRate: number | null
  redemptionValuePer100Points: number
  liabilityMinor: number
  topMembers: TopMember[]
  cohorts: Cohort[]
}

type Num = string | number

const HOUR = 3_600_000

/**
 * Members whose last visit is at or after `at` (`repeaters`: of those, the ones with two visits
 * or more), exactly: the whole hours after `at` from the hourly histogram, the rest of `at`'s
 * own hour from the members' rows (an index range over at most an hour of last visits).
 */
function lastVisitSince(tenantId: string, at: Date, count: 'members' | 'repeaters') {
  const nextHour = new Date(Math.floor(at.getTime() / HOUR) * HOUR + HOUR).toISOString()
  const from = at.toISOString()
  const edge = count === 'members' ? sql`count(*)` : sql`count(*) filter (where visits >= 2)`
  return sql`((select coalesce(sum(${sql.raw(count)}), 0) from member_visit_hours where tenant_id = ${tenantId} and hour >= ${nextHour}::timestamptz)
    + (select ${edge} from member_activity where tenant_id = ${tenantId} and last_visit_at >= ${from}::timestamptz and last_visit_at < ${nextHour}::timestamptz))`
}

export async function programmeAnalytics(
  db: Db,
  scope: TenantScope,
  opts: { now: Date; days: number },
): Promise<ProgrammeAnalytics> {
  const t = scope.tenantId
  const now = opts.now.toISOString()
  return inTenant(db, scope, async (tx) => {
    const [shop] = await execRows<{
      zone: string
      currency: string
      value: Num
      window_start: Date | string
      as_of: Date | string | null
    }>(
      tx,
      sql`select t.time_zone as zone, t.currency, t.redemption_value_per_100_points as value,
                 (date_trunc('day', ${now}::timestamptz at time zone t.time_zone) - make_interval(days => ${opts.days - 1})) at time zone t.time_zone as window_start,
                 (select rolled_until from activity_rollups where tenant_id = ${t} and rolled_until > 'epoch') as as_of
            from tenants t where t.id = ${t}`,
    )
    if (!shop) throw new Error('tenant of a verified scope not found')
    const windowStart = new Date(shop.window_start)
    const from = windowStart.toISOString()
    const day = 86_400_000
    const since30 = new Date(opts.now.getTime() - 30 * day)
    const since90 = new Date(opts.now.getTime() - 90 * day)
    const points = await pointsBreakdown(tx, t, windowStart)
    const [counts] = await execRows<{ active30: Num; active90: Num; visitors: Num; repeaters: Num }>(
      tx,
      sql`select ${lastVisitSince(t, since30, 'members')} as active30, ${lastVisitSince(t, since90, 'members')} as active90,
                 ${lastVisitSince(t, windowStart, 'members')} as visitors, ${lastVisitSince(t, windowStart, 'repeaters')} as repeaters`,
    )
    const top = await execRows<{
      member_id: string
      name: string | null
      phone: string | null
      email: string | null
      visits: Num
      points_earned: Num
      balance: Num | null
      last_visit_at: Date | string
    }>(
      tx,
      sql`select a.member_id, m.name, m.phone, m.email, a.visits, a.points_earned, w.balance, a.last_visit_at
            from member_activity a join members m on m.id = a.member_id and m.tenant_id = ${t}
            left join wallets w on w.member_id = a.member_id and w.tenant_id = ${t}
           where a.tenant_id = ${t} and a.last_visit_at >= ${from}::timestamptz
           order by a.visits desc, a.points_earned desc, a.member_id limit ${TOP_MEMBERS}`,
    )
    const months = lastMonths(opts.now, shop.zone, COHORT_MONTHS)
    const cells = await execRows<{ cohort_month: string; month: string; members: Num }>(
      tx,
      sql`select to_char(cohort_month, 'YYYY-MM') as cohort_month, to_char(month, 'YYYY-MM') as month, members
            from cohort_activity where tenant_id = ${t} and cohort_month >= ${`${months[0]}-01`}::date`,
    )
    const visitors = Number(counts?.visitors ?? 0)
    const repeatVisitors = Number(counts?.repeaters ?? 0)
    const value = Number(shop.value)
    return {
      days: opts.days,
      windowStart,
      asOf: shop.as_of ? new Date(shop.as_of) : null,
      timeZone: shop.zone,
      currency: shop.currency,
      visitors,
      repeatVisitors,
      repeatVisitRate: rate(repeatVisitors, visitors),
      active30: Number(counts?.active30 ?? 0),
      active90: Number(counts?.active90 ?? 0),
      ...points,
      breakageRate: rate(points.expired, points.issued),
      redemptionRate: rate(points.redeemed, points.issued),
      redemptionValuePer100Points: value,
      liabilityMinor: liabilityMinor(points.outstanding, value),
      topMembers: top.map((r) => ({
        memberId: r.member_id,
        name: r.name,
        phone: r.phone,
        email: r.email,
        visits: Number(r.visits),
        pointsEarned: Number(r.points_earned),
        balance: Number(r.balance ?? 0),
        lastVisitAt: new Date(r.last_visit_at),
      })),
      cohorts: cohortTable(
        cells.map((c) => ({ cohortMonth: c.cohort_month, month: c.month, members: Number(c.members) })),
        months,
      ),
    }
  })
}
