// The contract every rule kind module fulfils. A kind only reports what it contributes;
// precedence.ts alone decides how contributions combine, so the order of rules in a set
// never changes the result (apart from naming ties, which list order breaks).
import type { z } from 'zod'
import type { LocalTime } from './local-time'
import type { MemberStats } from './transaction'
import type { Inactivity } from './schedule'

/** What a rule sees about one purchase, already reduced to the eligible amount. */
export type EarnInput = {
  /** Positive minor units after discounts, with tax and tip per the spend rule. */
  eligibleAmount: number
  currency: string
  local: LocalTime
  stats: MemberStats
}

export type Contribution =
  | { type: 'min_spend'; minimum: number }
  | { type: 'base'; points: number; rate_points: number; rate_per_minor_units: number }
  | { type: 'multiplier'; campaign: string; factor_hundredths: number }
  | { type: 'bonus'; campaign: string; points: number }
  | { type: 'visit_bonus'; points: number; visit_number: number; every_nth_visit: number }
  | { type: 'cap'; max_points: number }
  | { type: 'inactive'; campaign: string; reason: Inactivity }
  /** The member's tier multiplies spend points (after any campaign multiplier). */
  | { type: 'tier'; tier: string; factor_hundredths: number }

export type RedemptionPolicy = {
  /** Smallest redemption allowed; null means any positive amount. */
  minPoints: number | null
  /** Largest redemption allowed; null means no limit beyond the balance. */
  maxPoints: number | null
  /** How long an unused redemption code stays valid. */
  codeTtlSeconds: number
  /** Days after which points earned from a sale expire; null = never (the default). */
  pointsExpireAfterDays: number | null
}

type KindBase<S extends z.ZodType> = {
  /** Name a merchant recognises, used in version history ("Points per spend: …"). */
  label: string
  configSchema: S
  /** Campaigns may repeat (told apart by name); every other kind appears at most once. */
  campaign: boolean
  /** One-line summary of a config in the rule set's currency, for diffs. */
  describe(config: z.output<S>, currency: string): string
}

export type EarnKind<S extends z.ZodType> = KindBase<S> & {
  effect: 'earn'
  apply(config: z.output<S>, input: EarnInput): Contribution[]
}

export type RedemptionKind<S extends z.ZodType> = KindBase<S> & {
  effect: 'redemption'
  apply(config: z.output<S>): RedemptionPolicy
}

/** Shop settings read by the shell (the reward catalog), never by evaluate. */
export type SettingKind<S extends z.ZodType> = KindBase<S> & { effect: 'setting' }

export type KindDefinition<S extends z.ZodType> = EarnKind<S> | RedemptionKind<S> | SettingKind<S>

// Identity helpers so each kind module gets its config type inferred from its schema.
export const defineEarnKind = <S extends z.ZodType>(definition: Omit<EarnKind<S>, 'effect'>): EarnKind<S> => ({
  ...definition,
  effect: 'earn',
})
export const defineRedemptionKind = <S extends z.ZodType>(
  definition: Omit<RedemptionKind<S>, 'effect'>,
): RedemptionKind<S> => ({ ...definition, effect: 'redemption' })
export const defineSettingKind = <S extends z.ZodType>(definition: Omit<SettingKind<S>, 'effect'>): SettingKind<S> => ({
  ...definition,
  effect: 'setting',
})
