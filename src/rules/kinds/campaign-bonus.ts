// "+50 points this weekend". Fixed bonuses from every running campaign add up.
import { z } from 'zod'
import { MAX_POINTS_PER_OPERATION } from '../../shared/points'
import { formatPoints } from '../format'
import { defineEarnKind } from '../kind'
import { describeSchedule, endsAfterStart, endsAfterStartIssue, scheduleFields, whyInactive } from '../schedule'

export const campaignBonusConfig = z
  .strictObject({
    ...scheduleFields,
    points: z
      .number({ error: 'Enter the bonus points' })
      .int({ error: 'Points are whole numbers' })
      .min(1, { error: 'Award at least 1 point' })
      .max(MAX_POINTS_PER_OPERATION, { error: 'Use at most 1,000,000,000 points' }),
  })
  .refine(endsAfterStart, endsAfterStartIssue)

export const campaignBonus = defineEarnKind({
  label: 'Campaign',
  configSchema: campaignBonusConfig,
  campaign: true,
  describe: (config) => `+${formatPoints(config.points)}, ${describeSchedule(config)}`,
  apply: (config, input) => {
    const reason = whyInactive(config, input.local)
    if (reason) return [{ type: 'inactive', campaign: config.name, reason }]
    return [{ type: 'bonus', campaign: config.name, points: config.points }]
  },
})
