// Points when a member brings a friend: the friend who invited and the new member each get their
// points when the new member's first sale that earns points is awarded, at most `monthly_cap`
// friends per inviting member per shop-local month. Like the birthday gift it earns nothing on
// a sale itself (apply contributes nothing), so previews and back-tests are unchanged; the
// referrals module reads its terms from the active version, which keeps the bonus versioned,
// explained and auditable like every other rule.
import { z } from 'zod'
import { formatPoints } from '../format'
import { defineEarnKind } from '../kind'

const points = (what: string) =>
  z
    .number({ error: `Enter the points for ${what}` })
    .int({ error: 'Points are whole numbers' })
    .min(1, { error: 'Give at least 1 point' })
    .max(100_000, { error: 'Give at most 100,000 points' })

export const referralBonusConfig = z.strictObject({
  referrer_points: points('the member who invites'),
  friend_points: points('the new member'),
  monthly_cap: z
    .number({ error: 'Enter how many friends a member may bring in a month' })
    .int({ error: 'Enter a whole number' })
    .min(1, { error: 'Allow at least 1 friend a month' })
    .max(1_000, { error: 'Allow at most 1,000 friends a month' }),
})

export const referralBonus = defineEarnKind({
  label: 'Referral bonus',
  configSchema: referralBonusConfig,
  campaign: false,
  describe: (config) =>
    `${formatPoints(config.referrer_points)} to the member who invites and ${formatPoints(config.friend_points)} to the friend on their first purchase, at most ${config.monthly_cap} ${config.monthly_cap === 1 ? 'friend' : 'friends'} a month`,
  apply: () => [],
})
