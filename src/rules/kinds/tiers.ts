// Member tiers: "Silver at 500 points earned in 12 months, ×1.25". The tier comes from the
// member's own earning in a rolling window (the shell sums the ledger and passes it in as
// stats.tierPoints), so the same sale always earns the same under the same history.
import { z } from 'zod'
import { MAX_POINTS_PER_OPERATION } from '../../shared/points'
import { formatFactor, formatPoints } from '../format'
import { defineEarnKind } from '../kind'
import { factorHundredths, hasAtMostTwoDecimals } from './campaign-multiplier'

export const DEFAULT_TIER_WINDOW_DAYS = 365

const tierSchema = z.strictObject({
  name: z
    .string({ error: 'Name the tier' })
    .trim()
    .min(1, { error: 'Name the tier' })
    .max(40, { error: 'Use at most 40 characters' }),
  /** Points earned in the window that reach this tier. */
  threshold: z
    .number({ error: 'Enter the points that reach this tier' })
    .int({ error: 'Points are whole numbers' })
    .min(1, { error: 'Use at least 1 point' })
    .max(MAX_POINTS_PER_OPERATION, { error: 'Use at most 1,000,000,000 points' }),
  multiplier: z
    .number({ error: 'Enter a multiplier such as 1.25' })
    .min(1, { error: 'The multiplier must be at least 1' })
    .max(10, { error: 'The multiplier can be at most 10' })
    .refine(hasAtMostTwoDecimals, { error: 'Use at most two decimals, e.g. 1.25' }),
})

export const tiersConfig = z
  .strictObject({
    window_days: z
      .number({ error: 'Enter the window in days' })
      .int({ error: 'Use whole days' })
      .min(30, { error: 'Use a window of at least 30 days' })
      .max(730, { error: 'Use a window of at most 730 days' })
      .default(DEFAULT_TIER_WINDOW_DAYS),
    tiers: z
      .array(tierSchema, { error: 'Tiers must be a list' })
      .min(1, { error: 'Add at least one tier' })
      .max(10, { error: 'Use at most 10 tiers' }),
  })
  .superRefine((config, ctx) => {
    const names = new Set<string>()
    const thresholds = new Set<number>()
    config.tiers.forEach((tier, index) => {
      if (names.has(tier.name.toLowerCase()))
        ctx.addIssue({ code: 'custom', path: ['tiers', index, 'name'], message: 'Another tier already has this name' })
      if (thresholds.has(tier.threshold))
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'threshold'],
          message: 'Another tier starts at the same points',
        })
      names.add(tier.name.toLowerCase())
      thresholds.add(tier.threshold)
    })
  })

export type TiersConfig = z.output<typeof tiersConfig>
export type Tier = TiersConfig['tiers'][number]

/** Tiers from the lowest threshold up. */
export const tiersAscending = (config: TiersConfig): Tier[] =>
  [...config.tiers].sort((a, b) => a.threshold - b.threshold)

/** The highest tier `points` reach, or null below the first threshold. */
export function tierAt(config: TiersConfig, points: number): Tier | null {
  return (
    tiersAscending(config)
      .filter((tier) => points >= tier.threshold)
      .at(-1) ?? null
  )
}

export const tiers = defineEarnKind({
  label: 'Tiers',
  configSchema: tiersConfig,
  campaign: false,
  describe: (config) =>
    `${tiersAscending(config)
      .map((t) => `${t.name} at ${formatPoints(t.threshold)} ×${formatFactor(factorHundredths(t.multiplier))}`)
      .join(', ')} (points earned in ${config.window_days} days)`,
  apply: (config, input) => {
    const tier = tierAt(config, input.stats.tierPoints ?? 0)
    if (!tier || factorHundredths(tier.multiplier) <= 100) return []
    return [{ type: 'tier', tier: tier.name, factor_hundredths: factorHundredths(tier.multiplier) }]
  },
})
