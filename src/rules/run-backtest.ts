// Replays the tenant's last 90 days of sales under a draft and the current rules. Each page
// is its own short tenant transaction, so a long replay never holds a connection or a
// snapshot for minutes, and progress can be reported between pages.
import type { Db } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { type BacktestResult, newTally, replaySales, summariseBacktest } from './backtest-replay'
import type { ReplaySale } from './backtest-replay'
import { countReplayableSales, earnedBefore, replayableSalesPage, type SaleCursor, visitsBefore } from './backtest.repo'
import type { RuleSet } from './rule-set'
import { tiersOf } from './tier-standing'

export const BACKTEST_DAYS = 90
const PAGE_SIZE = 500

export type BacktestInput = {
  draft: RuleSet
  current: RuleSet
  timeZone: string
  now: Date
  onProgress?(done: number, total: number): Promise<void>
}

export async function runBacktest(db: Db, scope: TenantScope, input: BacktestInput): Promise<BacktestResult> {
  const period = { from: new Date(input.now.getTime() - BACKTEST_DAYS * 86_400_000), to: input.now }
  // Tiers at the start of the period come from the widest tier window either rule set uses.
  const windowDays = Math.max(tiersOf(input.draft)?.window_days ?? 0, tiersOf(input.current)?.window_days ?? 0)
  const { total, prior, earned } = await inTenant(db, scope, async (tx) => ({
    total: await countReplayableSales(tx, scope.tenantId, period.from, period.to),
    prior: await visitsBefore(tx, scope.tenantId, period.from),
    earned: await earnedBefore(tx, scope.tenantId, period.from, windowDays),
  }))
  const tally = newTally(prior, earned)
  await input.onProgress?.(0, total)
  let cursor: SaleCursor | null = null
  do {
    const after: SaleCursor | null = cursor
    const page: { sales: ReplaySale[]; next: SaleCursor | null } = await inTenant(db, scope, (tx) =>
      replayableSalesPage(tx, scope.tenantId, period, after, PAGE_SIZE),
    )
    replaySales(tally, page.sales, input)
    // Sales recorded while the replay runs can push the count past the first estimate.
    await input.onProgress?.(tally.sales, Math.max(total, tally.sales))
    cursor = page.next
  } while (cursor)
  return summariseBacktest(tally, { ...period, timeZone: input.timeZone })
}
