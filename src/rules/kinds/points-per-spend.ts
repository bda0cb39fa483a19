// N points per M minor units of the eligible amount, rounded down: a customer never earns
// for a fraction of the step (1 pt per $1.00 on $23.40 is 23 pts).
import { z } from 'zod'
import { defineEarnKind } from '../kind'
import { formatMoney, formatPoints } from '../format'

export const pointsPerSpendConfig = z.strictObject({
  points: z
    .number({ error: 'Enter the points earned' })
    .int({ error: 'Points are whole numbers' })
    .min(1, { error: 'Award at least 1 point' })
    .max(1_000_000, { error: 'Award at most 1,000,000 points' }),
  /** Spend step in minor units: 100 is $1.00, 100 is ¥100, 1000 is KWD 1.000. */
  per_minor_units: z
    .number({ error: 'Enter the spend step' })
    .int({ error: 'The spend step is whole minor units' })
    .min(1, { error: 'The spend step must be at least 1 minor unit' })
    .max(100_000_000, { error: 'The spend step is too large' }),
  /** Tax and tip only matter when the POS reports them; absent amounts are never guessed. */
  include_tax: z.boolean({ error: 'Choose whether tax earns points' }).default(false),
  include_tip: z.boolean({ error: 'Choose whether tips earn points' }).default(false),
})

export type PointsPerSpendConfig = z.output<typeof pointsPerSpendConfig>

/** floor(amount × points / step) in BigInt, so large sales cannot lose precision in floats. */
export function spendPoints(config: PointsPerSpendConfig, eligibleAmount: number): number {
  return Number((BigInt(eligibleAmount) * BigInt(config.points)) / BigInt(config.per_minor_units))
}

export const pointsPerSpend = defineEarnKind({
  label: 'Points per spend',
  configSchema: pointsPerSpendConfig,
  campaign: false,
  describe: (config, currency) => {
    const included = [config.include_tax && 'tax', config.include_tip && 'tip'].filter(Boolean)
    const rate = `${formatPoints(config.points)} per ${formatMoney(config.per_minor_units, currency)}`
    return included.length ? `${rate}, ${included.join(' and ')} included` : rate
  },
  apply: (config, input) => [
    {
      type: 'base',
      points: spendPoints(config, input.eligibleAmount),
      rate_points: config.points,
      rate_per_minor_units: config.per_minor_units,
    },
  ],
})
