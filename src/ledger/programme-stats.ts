// The merchant's view of the programme as a liability: points outstanding (what the shop owes
// its customers), members, and points earned and spent per day in the shop's time zone.
import { and, count, eq, gte, isNotNull, sql, sum } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { execRows } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { members, wallets } from '../members/members.schema'
import { redemptions } from './ledger.schema'

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

export async function programmeStats(db: Db, scope: TenantScope, opts: { now: Date; timeZone: string; days: number }): Promise<ProgrammeStats> {
  const since = new Date(opts.now.getTime() - (opts.days + 1) * 86_400_000)
  return inTenant(db, scope, async (tx) => {
    const [w] = await tx.select({ outstanding: sum(wallets.balance) }).from(wallets).where(eq(wallets.tenantId, scope.tenantId))
    const [m] = await tx.select({ n: count() }).from(members).where(eq(members.tenantId, scope.tenantId))
    const [s] = await tx.select({ n: count() }).from(members).where(and(eq(members.tenantId, scope.tenantId), isNotNull(members.userId)))
    const [r] = await tx
      .select({ n: count() })
      .from(redemptions)
      .where(and(eq(redemptions.tenantId, scope.tenantId), eq(redemptions.status, 'completed'), gte(redemptions.createdAt, since)))
    // Earned = credits from sales and corrections upward; spent = redemptions net of returns.
    const flows = await execRows<{ day: string; earned: string | number; spent: string | number }>(
      tx,
      sql`select to_char(created_at at time zone ${opts.timeZone}, 'YYYY-MM-DD') as day,
                 coalesce(sum(points) filter (where type in ('earn', 'earn_reversal')), 0) as earned,
                 coalesce(-sum(points) filter (where type in ('redeem', 'redeem_reversal')), 0) as spent
            from ledger_entries
           where tenant_id = ${scope.tenantId} and created_at >= ${since.toISOString()}
           group by 1`,
    )
    const byDay = new Map(flows.map((f) => [f.day, { earned: Number(f.earned), spent: Number(f.spent) }]))
    return {
      outstanding: Number(w?.outstanding ?? 0),
      members: m?.n ?? 0,
      signedUp: s?.n ?? 0,
      redemptionsCompleted: r?.n ?? 0,
      days: dayKeys(opts.now, opts.timeZone, opts.days).map((day) => ({ day, earned: byDay.get(day)?.earned ?? 0, spent: byDay.get(day)?.spent ?? 0 })),
    }
  })
}
