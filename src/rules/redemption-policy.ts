// Redemption limits a rule set imposes, and the check the redemption use case runs before
// reserving points. Balance sufficiency is the ledger's check, not this one.
import { err, ok, type Result } from '../shared/result'
import { formatPoints } from './format'
import type { RedemptionPolicy } from './kind'
import { toLocalTime } from './local-time'
import { wallTimeToInstant } from './wall-time'
import { DEFAULT_CODE_TTL_SECONDS } from './kinds/redemption-limits'
import { ruleKinds } from './registry'
import type { RuleSet } from './rule-set'

export type RedemptionViolation = {
  code: 'validation_failed' | 'rule_violation'
  reason: 'not_whole_positive' | 'below_minimum' | 'above_maximum'
  /** Consumer-facing, e.g. "Redeem at least 100 pts". */
  message: string
}

export function redemptionPolicy(ruleSet: RuleSet): RedemptionPolicy {
  const limits = ruleSet.rules.find((entry) => entry.kind === 'redemption_limits')
  if (limits) return ruleKinds.redemption_limits.apply(limits.config)
  return { minPoints: null, maxPoints: null, codeTtlSeconds: DEFAULT_CODE_TTL_SECONDS, pointsExpireAfterDays: null }
}

/** ok(points) when a redemption of `points` is within the policy. */
export function checkRedemption(policy: RedemptionPolicy, points: number): Result<number, RedemptionViolation> {
  if (!Number.isSafeInteger(points) || points <= 0) {
    return err({
      code: 'validation_failed',
      reason: 'not_whole_positive',
      message: 'Redeem a whole number of points above zero',
    })
  }
  if (policy.minPoints !== null && points < policy.minPoints) {
    return err({
      code: 'rule_violation',
      reason: 'below_minimum',
      message: `Redeem at least ${formatPoints(policy.minPoints)}`,
    })
  }
  if (policy.maxPoints !== null && points > policy.maxPoints) {
    return err({
      code: 'rule_violation',
      reason: 'above_maximum',
      message: `Redeem at most ${formatPoints(policy.maxPoints)}`,
    })
  }
  return ok(points)
}

/**
 * When points earned at `earnedAt` expire under the policy, or null when they never do. "N days"
 * is counted in the shop's calendar: the points stay usable through the whole local day N days
 * after the sale and expire at the start of the next local day, so a sign saying "points last
 * a year" never loses a customer's points mid-afternoon, and the date shown is a shop date.
 */
export function pointsExpiry(policy: RedemptionPolicy, earnedAt: Date, timeZone: string): Date | null {
  if (policy.pointsExpireAfterDays === null) return null
  const [year, month, day] = toLocalTime(earnedAt, timeZone).stamp.slice(0, 10).split('-').map(Number) as [
    number,
    number,
    number,
  ]
  const dayAfterLast = new Date(Date.UTC(year, month - 1, day + policy.pointsExpireAfterDays + 1))
    .toISOString()
    .slice(0, 10)
  return wallTimeToInstant(`${dayAfterLast}T00:00`, timeZone)
}
