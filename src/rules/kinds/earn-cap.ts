// Upper bound on everything one purchase can earn, bonuses included: a merchant's cost guard.
import { z } from 'zod'
import { MAX_POINTS_PER_OPERATION } from '../../shared/points'
import { formatPoints } from '../format'
import { defineEarnKind } from '../kind'

export const earnCapConfig = z.strictObject({
  max_points: z
    .number({ error: 'Enter the most points one purchase can earn' })
    .int({ error: 'Points are whole numbers' })
    .min(1, { error: 'The cap must be at least 1 point' })
    .max(MAX_POINTS_PER_OPERATION, { error: 'Use at most 1,000,000,000 points' }),
})

export const earnCap = defineEarnKind({
  label: 'Earn cap per purchase',
  configSchema: earnCapConfig,
  campaign: false,
  describe: (config) => formatPoints(config.max_points),
  apply: (config) => [{ type: 'cap', max_points: config.max_points }],
})
