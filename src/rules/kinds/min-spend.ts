// Purchases below the minimum earn nothing at all (see docs/rules-precedence.md, step 3).
import { z } from 'zod'
import { formatMoney } from '../format'
import { defineEarnKind } from '../kind'

export const minSpendConfig = z.strictObject({
  /** Compared with the eligible amount, so the same tax/tip setting applies as for earning. */
  min_minor_units: z
    .number({ error: 'Enter the minimum spend' })
    .int({ error: 'The minimum spend is whole minor units' })
    .min(1, { error: 'The minimum spend must be at least 1 minor unit' }),
})

export const minSpend = defineEarnKind({
  label: 'Minimum spend',
  configSchema: minSpendConfig,
  campaign: false,
  describe: (config, currency) => formatMoney(config.min_minor_units, currency),
  apply: (config) => [{ type: 'min_spend', minimum: config.min_minor_units }],
})
