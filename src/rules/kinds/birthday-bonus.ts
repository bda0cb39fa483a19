// Points once a year on a member's birthday, in the shop's own day. It earns nothing on a sale
// (apply contributes nothing), so previews and back-tests of sales are unchanged; the daily
// birthday job (src/occasions) reads its points from the active version, which is what makes
// the gift versioned, explainable and auditable like every other rule.
import { z } from 'zod'
import { formatPoints } from '../format'
import { defineEarnKind } from '../kind'

export const birthdayBonusConfig = z.strictObject({
  points: z
    .number({ error: 'Enter the birthday points' })
    .int({ error: 'Points are whole numbers' })
    .min(1, { error: 'Give at least 1 point' })
    .max(100_000, { error: 'Give at most 100,000 points' }),
})

export const birthdayBonus = defineEarnKind({
  label: 'Birthday gift',
  configSchema: birthdayBonusConfig,
  campaign: false,
  describe: (config) => `${formatPoints(config.points)} once a year on the member's birthday`,
  apply: () => [],
})
