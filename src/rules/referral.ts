// The referral terms a rule set grants, if any (pure).
import type { RuleSet } from './rule-set'

export type ReferralTerms = { referrerPoints: number; friendPoints: number; monthlyCap: number }

export function referralTerms(ruleSet: RuleSet): ReferralTerms | null {
  for (const entry of ruleSet.rules) {
    if (entry.kind === 'referral_bonus')
      return {
        referrerPoints: entry.config.referrer_points,
        friendPoints: entry.config.friend_points,
        monthlyCap: entry.config.monthly_cap,
      }
  }
  return null
}
