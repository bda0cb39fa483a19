// "Double points on Tuesday evenings". Multiplies spend points only; when several run at
// once the highest wins (docs/rules-precedence.md, step 5).
import { z } from 'zod'
import { formatFactor } from '../format'
import { defineEarnKind } from '../kind'
import { describeSchedule, endsAfterStart, endsAfterStartIssue, scheduleFields, whyInactive } from '../schedule'

// Factors are kept in hundredths so ×1.15 is exact; the float input must not carry more digits.
export const hasAtMostTwoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9

export const campaignMultiplierConfig = z
  .strictObject({
    ...scheduleFields,
    multiplier: z
      .number({ error: 'Enter a multiplier such as 2 or 1.5' })
      .gt(1, { error: 'The multiplier must be more than 1' })
      .max(10, { error: 'The multiplier can be at most 10' })
      .refine(hasAtMostTwoDecimals, { error: 'Use at most two decimals, e.g. 1.25' }),
  })
  .refine(endsAfterStart, endsAfterStartIssue)

export const factorHundredths = (multiplier: number) => Math.round(multiplier * 100)

export const campaignMultiplier = defineEarnKind({
  label: 'Campaign',
  configSchema: campaignMultiplierConfig,
  campaign: true,
  describe: (config) => `×${formatFactor(factorHundredths(config.multiplier))}, ${describeSchedule(config)}`,
  apply: (config, input) => {
    const reason = whyInactive(config, input.local)
    if (reason) return [{ type: 'inactive', campaign: config.name, reason }]
    return [{ type: 'multiplier', campaign: config.name, factor_hundredths: factorHundredths(config.multiplier) }]
  },
})
