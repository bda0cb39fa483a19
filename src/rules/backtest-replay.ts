// Back-test arithmetic: replays past sales through the draft and the current rule set side by
// side. Pure and deterministic (the shell feeds pages of sales and keeps the tally between
// pages, so a long replay can report progress); nothing here reads a clock or a database.
import { evaluate } from './evaluate'
import { toLocalTime } from './local-time'
import type { RuleSet } from './rule-set'
import { tiersOf } from './tier-standing'
import type { Transaction } from './transaction'

export type ReplaySale = { occurredAt: Date; memberId: string; transaction: Transaction }

type Pair = { current: number; draft: number }

/** Running totals between pages. Mutated by replaySales; create one per back-test. */
export type BacktestTally = {
  sales: number
  total: Pair
  byMember: Map<string, Pair>
  byDay: Map<string, Pair>
  /** Visits recorded so far per member: the visit bonus needs the count before each sale. */
  visits: Map<string, number>
  /** Points each member earned so far under each rule set: their tier before each sale. */
  earned: { current: Map<string, EarnedDay[]>; draft: Map<string, EarnedDay[]> }
}

/** Points earned at an instant (ms); a member's log is in time order. */
export type EarnedDay = { at: number; points: number }

export type BacktestDay = { date: string; current: number; draft: number; difference: number }

export type BacktestResult = {
  from: string
  to: string
  sales: number
  members: number
  points_current: number
  points_draft: number
  /** Members whose points over the period differ between the two rule sets. */
  members_affected: number
  members_gaining: number
  members_losing: number
  /** One row per local day of the period, days without sales included (a chart needs them). */
  days: BacktestDay[]
}

export function newTally(
  priorVisits: ReadonlyMap<string, number>,
  priorEarned: ReadonlyMap<string, EarnedDay[]> = new Map(),
): BacktestTally {
  const copy = () => new Map([...priorEarned].map(([member, days]) => [member, [...days]]))
  return {
    sales: 0,
    total: { current: 0, draft: 0 },
    byMember: new Map(),
    byDay: new Map(),
    visits: new Map(priorVisits),
    earned: { current: copy(), draft: copy() },
  }
}

/**
 * The member's points in the rule set's tier window before `at` (0 without tiers). Each rule set
 * keeps its own log, so a draft that awards more also lifts members into tiers sooner.
 */
function tierPointsBefore(ruleSet: RuleSet, log: Map<string, EarnedDay[]>, memberId: string, at: Date): number {
  const config = tiersOf(ruleSet)
  if (!config) return 0
  const from = at.getTime() - config.window_days * 86_400_000
  return (log.get(memberId) ?? []).reduce((sum, e) => (e.at > from && e.at <= at.getTime() ? sum + e.points : sum), 0)
}

function record(log: Map<string, EarnedDay[]>, memberId: string, at: Date, points: number) {
  if (points <= 0) return
  const days = log.get(memberId) ?? []
  days.push({ at: at.getTime(), points })
  log.set(memberId, days)
}

const bump = (map: Map<string, Pair>, key: string, current: number, draft: number) => {
  const pair = map.get(key) ?? { current: 0, draft: 0 }
  pair.current += current
  pair.draft += draft
  map.set(key, pair)
}

/** Sales must arrive in time order (visit numbers depend on it). */
export function replaySales(
  tally: BacktestTally,
  sales: readonly ReplaySale[],
  rules: { draft: RuleSet; current: RuleSet; timeZone: string },
): void {
  for (const sale of sales) {
    const visitCount = tally.visits.get(sale.memberId) ?? 0
    const context = (ruleSet: RuleSet, log: Map<string, EarnedDay[]>) => ({
      now: sale.occurredAt,
      timeZone: rules.timeZone,
      stats: { visitCount, tierPoints: tierPointsBefore(ruleSet, log, sale.memberId, sale.occurredAt) },
    })
    const current = evaluate(rules.current, sale.transaction, context(rules.current, tally.earned.current)).points
    const draft = evaluate(rules.draft, sale.transaction, context(rules.draft, tally.earned.draft)).points
    record(tally.earned.current, sale.memberId, sale.occurredAt, current)
    record(tally.earned.draft, sale.memberId, sale.occurredAt, draft)
    // A refund is not a visit; counting it would move every later visit bonus.
    if (sale.transaction.total > 0) tally.visits.set(sale.memberId, visitCount + 1)
    tally.sales++
    tally.total.current += current
    tally.total.draft += draft
    bump(tally.byMember, sale.memberId, current, draft)
    bump(tally.byDay, localDate(sale.occurredAt, rules.timeZone), current, draft)
  }
}

export function summariseBacktest(
  tally: BacktestTally,
  period: { from: Date; to: Date; timeZone: string },
): BacktestResult {
  let gaining = 0
  let losing = 0
  for (const pair of tally.byMember.values()) {
    if (pair.draft > pair.current) gaining++
    else if (pair.draft < pair.current) losing++
  }
  const from = localDate(period.from, period.timeZone)
  const to = localDate(period.to, period.timeZone)
  const days = datesBetween(from, to).map((date) => {
    const pair = tally.byDay.get(date) ?? { current: 0, draft: 0 }
    return { date, current: pair.current, draft: pair.draft, difference: pair.draft - pair.current }
  })
  return {
    from,
    to,
    sales: tally.sales,
    members: tally.byMember.size,
    points_current: tally.total.current,
    points_draft: tally.total.draft,
    members_affected: gaining + losing,
    members_gaining: gaining,
    members_losing: losing,
    days,
  }
}

const localDate = (at: Date, timeZone: string) => toLocalTime(at, timeZone).stamp.slice(0, 10)

/** Inclusive list of calendar dates "YYYY-MM-DD"; calendar arithmetic in UTC has no DST. */
function datesBetween(from: string, to: string): string[] {
  const dates: string[] = []
  for (let day = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); day <= end; day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10))
  }
  return dates
}
