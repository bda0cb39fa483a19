// Limits on turning points into a redemption code, and how long earned points stay spendable.
// They never change how many points a purchase earns.
import { z } from 'zod'
import { MAX_POINTS_PER_OPERATION } from '../../shared/points'
import { formatPoints } from '../format'
import { defineRedemptionKind } from '../kind'

/** api-v1.md: an unused code expires after 15 minutes unless the merchant says otherwise. */
export const DEFAULT_CODE_TTL_SECONDS = 900

const optionalPoints = (what: string) =>
  z
    .number({ error: `Enter the ${what} points per redemption` })
    .int({ error: 'Points are whole numbers' })
    .min(1, { error: 'Use at least 1 point, or leave empty for no limit' })
    .max(MAX_POINTS_PER_OPERATION, { error: 'Use at most 1,000,000,000 points' })
    .nullable()
    .default(null)

export const redemptionLimitsConfig = z
  .strictObject({
    min_points: optionalPoints('minimum'),
    max_points: optionalPoints('maximum'),
    code_ttl_seconds: z
      .number({ error: 'Enter how long a code stays valid' })
      .int({ error: 'Use whole seconds' })
      .min(60, { error: 'Codes must stay valid at least 60 seconds' })
      .max(86_400, { error: 'Codes can stay valid at most 24 hours' })
      .default(DEFAULT_CODE_TTL_SECONDS),
    /** Points earned from a sale expire this many days later; null = they never expire. */
    points_expire_after_days: z
      .number({ error: 'Enter after how many days points expire' })
      .int({ error: 'Use whole days' })
      .min(30, { error: 'Give customers at least 30 days, or leave empty so points never expire' })
      .max(3650, { error: 'Use at most 3650 days (10 years)' })
      .nullable()
      .default(null),
  })
  .refine((c) => c.min_points === null || c.max_points === null || c.max_points >= c.min_points, {
    error: 'The maximum must be at least the minimum',
    path: ['max_points'],
  })

export const redemptionLimits = defineRedemptionKind({
  label: 'Redemption limits',
  configSchema: redemptionLimitsConfig,
  campaign: false,
  describe: (config) =>
    [
      `min ${config.min_points === null ? 'none' : formatPoints(config.min_points)}`,
      `max ${config.max_points === null ? 'none' : formatPoints(config.max_points)}`,
      `codes valid ${formatDuration(config.code_ttl_seconds)}`,
      // Said only when switched on: "never expire" is the default nobody needs to read.
      ...(config.points_expire_after_days === null
        ? []
        : [`points expire after ${config.points_expire_after_days} days`]),
    ].join(', '),
  apply: (config) => ({
    minPoints: config.min_points,
    maxPoints: config.max_points,
    codeTtlSeconds: config.code_ttl_seconds,
    pointsExpireAfterDays: config.points_expire_after_days,
  }),
})

function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`
  if (seconds % 60 === 0) return `${seconds / 60} min`
  return `${seconds} s`
}
