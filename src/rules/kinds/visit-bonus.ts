// Fixed points for a visit, optionally only every Nth visit (a digital punch card).
import { z } from 'zod'
import { MAX_POINTS_PER_OPERATION } from '../../shared/points'
import { formatPoints, ordinal } from '../format'
import { defineEarnKind } from '../kind'

export const visitBonusConfig = z.strictObject({
  points: z
    .number({ error: 'Enter the bonus points' })
    .int({ error: 'Points are whole numbers' })
    .min(1, { error: 'Award at least 1 point' })
    .max(MAX_POINTS_PER_OPERATION, { error: 'Use at most 1,000,000,000 points' }),
  /** 1 rewards every visit; 10 rewards the 10th, 20th, … visit. */
  every_nth_visit: z
    .number({ error: 'Enter how often the bonus is given' })
    .int({ error: 'Use a whole number of visits' })
    .min(1, { error: 'Use 1 for every visit' })
    .default(1),
})

export const visitBonus = defineEarnKind({
  label: 'Visit bonus',
  configSchema: visitBonusConfig,
  campaign: false,
  describe: (config) =>
    config.every_nth_visit === 1
      ? `${formatPoints(config.points)} per visit`
      : `${formatPoints(config.points)} every ${ordinal(config.every_nth_visit)} visit`,
  apply: (config, input) => {
    // This purchase is the next visit after the ones already counted.
    const visitNumber = input.stats.visitCount + 1
    if (visitNumber % config.every_nth_visit !== 0) return []
    return [
      {
        type: 'visit_bonus',
        points: config.points,
        visit_number: visitNumber,
        every_nth_visit: config.every_nth_visit,
      },
    ]
  },
})
