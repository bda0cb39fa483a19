// Where a member stands among a shop's tiers: for the wallet ("Silver · 120 pts to Gold"), the
// stored projection and the nightly recompute. Pure: the shell sums the ledger.
import { type Tier, tierAt, tiersAscending } from './kinds/tiers'
import type { RuleSet } from './rule-set'

export type TierStanding = {
  /** null below the first tier. */
  tier: Tier | null
  next: Tier | null
  pointsInWindow: number
  /** Points still to earn in the window to reach `next` (0 when there is no next). */
  pointsToNext: number
  windowDays: number
}

/** The rule set's tiers config, or null when the shop has no tiers. */
export function tiersOf(ruleSet: RuleSet) {
  const entry = ruleSet.rules.find((e) => e.kind === 'tiers')
  return entry?.kind === 'tiers' ? entry.config : null
}

export function tierStanding(ruleSet: RuleSet, pointsInWindow: number): TierStanding | null {
  const config = tiersOf(ruleSet)
  if (!config) return null
  const tier = tierAt(config, pointsInWindow)
  const next = tiersAscending(config).find((t) => t.threshold > pointsInWindow) ?? null
  return {
    tier,
    next,
    pointsInWindow,
    pointsToNext: next ? next.threshold - pointsInWindow : 0,
    windowDays: config.window_days,
  }
}
