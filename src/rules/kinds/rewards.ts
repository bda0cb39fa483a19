// The reward catalog: what points buy ("Free drink — 100 pts"), and whether a customer may
// also redeem an amount of their choosing. Part of the rule set, so a change is a new version
// and every redemption names the version it was issued under (ADR 0023). It earns nothing:
// the redemption flow and the wallet read it through reward-catalog.ts.
import { z } from 'zod'
import { MAX_POINTS_PER_OPERATION } from '../../shared/points'
import { formatPoints } from '../format'
import { defineSettingKind } from '../kind'

/** Reward ids are minted by the shell once and kept across versions, so codes and the wallet stay meaningful. */
export const REWARD_ID = /^rwd_[0-9A-Za-z_-]{1,60}$/

const rewardSchema = z.strictObject({
  reward_id: z.string({ error: 'Missing reward id' }).regex(REWARD_ID, { error: 'Not a reward id' }),
  name: z
    .string({ error: 'Name the reward' })
    .trim()
    .min(1, { error: 'Name the reward' })
    .max(60, { error: 'Use at most 60 characters' }),
  points: z
    .number({ error: 'Enter the points it costs' })
    .int({ error: 'Points are whole numbers' })
    .min(1, { error: 'A reward costs at least 1 point' })
    .max(MAX_POINTS_PER_OPERATION, { error: 'Use at most 1,000,000,000 points' }),
  active: z.boolean({ error: 'Say whether the reward is offered' }).default(true),
  /** Optional picture on the wallet; https only (the CSP allows https images). */
  photo_url: z
    .url({ protocol: /^https$/, error: 'Use an https:// address' })
    .max(500)
    .nullable()
    .default(null),
})

export const rewardsConfig = z
  .strictObject({
    /** Points-for-money redemption (any amount the customer types) next to the catalog. */
    allow_custom_points: z.boolean({ error: 'Say whether customers may redeem any amount' }).default(true),
    items: z.array(rewardSchema, { error: 'Rewards must be a list' }).max(50, { error: 'Offer at most 50 rewards' }),
  })
  .superRefine((config, ctx) => {
    const ids = new Set<string>()
    const names = new Set<string>()
    config.items.forEach((item, index) => {
      if (ids.has(item.reward_id))
        ctx.addIssue({ code: 'custom', path: ['items', index, 'reward_id'], message: 'This reward appears twice' })
      if (names.has(item.name.toLowerCase()))
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'name'],
          message: 'Another reward already has this name',
        })
      ids.add(item.reward_id)
      names.add(item.name.toLowerCase())
    })
  })

export type RewardsConfig = z.output<typeof rewardsConfig>
export type Reward = RewardsConfig['items'][number]

export const rewards = defineSettingKind({
  label: 'Rewards',
  configSchema: rewardsConfig,
  campaign: false,
  describe: (config) =>
    [
      ...config.items.map((r) => `${r.name} ${formatPoints(r.points)}${r.active ? '' : ' (paused)'}`),
      config.allow_custom_points ? 'any amount also redeemable' : 'rewards only',
    ].join(', '),
})
