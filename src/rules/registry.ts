// The one place rule kinds are registered. Adding a kind = one module in kinds/ + one line here;
// the rule set schema, evaluation and diffs all read this map.
import type { z } from 'zod'
import { birthdayBonus } from './kinds/birthday-bonus'
import { campaignBonus } from './kinds/campaign-bonus'
import { campaignMultiplier } from './kinds/campaign-multiplier'
import { earnCap } from './kinds/earn-cap'
import { minSpend } from './kinds/min-spend'
import { pointsPerSpend } from './kinds/points-per-spend'
import { redemptionLimits } from './kinds/redemption-limits'
import { rewards } from './kinds/rewards'
import { tiers } from './kinds/tiers'
import { referralBonus } from './kinds/referral-bonus'
import { visitBonus } from './kinds/visit-bonus'
import type { KindDefinition } from './kind'

export const ruleKinds = {
  points_per_spend: pointsPerSpend,
  min_spend: minSpend,
  earn_cap: earnCap,
  campaign_multiplier: campaignMultiplier,
  campaign_bonus: campaignBonus,
  visit_bonus: visitBonus,
  redemption_limits: redemptionLimits,
  birthday_bonus: birthdayBonus,
  tiers,
  rewards,
  referral_bonus: referralBonus,
} as const

export type RuleKind = keyof typeof ruleKinds

export type RuleConfig<K extends RuleKind> = z.output<(typeof ruleKinds)[K]['configSchema']>

/** One entry of a rule set, typed by its kind. */
export type RuleEntry = { [K in RuleKind]: { kind: K; config: RuleConfig<K> } }[RuleKind]

/** The same entry as it may be written, before schema defaults are filled in. */
export type RuleEntryInput = {
  [K in RuleKind]: { kind: K; config: z.input<(typeof ruleKinds)[K]['configSchema']> }
}[RuleKind]

export const RULE_KINDS = Object.keys(ruleKinds) as RuleKind[]

/**
 * The definition for an entry's kind. TypeScript cannot relate `ruleKinds[entry.kind]` to
 * `entry.config` across the union, so the widening happens here, once, after the schema
 * has already checked that the config belongs to the kind.
 */
export function definitionOf(entry: RuleEntry): KindDefinition<z.ZodType<RuleEntry['config']>> {
  return ruleKinds[entry.kind] as KindDefinition<z.ZodType<RuleEntry['config']>>
}
