// Merchant reward catalog (api-v1.md: GET /rewards, PUT /rewards). The catalog is part of the
// rule set, so a PUT publishes a rule version (owner only, like POST /rules); reward ids stay
// the same across versions. The PUT body is the list itself, or {"rewards", "allow_custom_points"}
// to also say whether customers may still redeem an amount of their choosing.
import { Elysia } from 'elysia'
import { z } from 'zod'
import type { AppDeps } from '../../../infra/deps'
import { getActiveRules, publishRewards, rewardCatalog, type RuleSet } from '../../../rules'
import { authPlugin, merchantScope } from '../../plugins/auth'

const rewardItem = z.object({
  reward_id: z.string().max(80).optional(),
  name: z.string().max(200),
  points: z.number(),
  active: z.boolean().optional(),
  photo_url: z.string().max(600).nullable().optional(),
})
const putBody = z.union([
  z.array(rewardItem).max(50),
  z.object({ rewards: z.array(rewardItem).max(50), allow_custom_points: z.boolean().optional() }),
])

export const rewardsJson = (ruleSet: RuleSet) =>
  rewardCatalog(ruleSet).items.map((r) => ({
    reward_id: r.reward_id,
    name: r.name,
    points: r.points,
    active: r.active,
    photo_url: r.photo_url,
  }))

export function merchantRewardsApi(deps: AppDeps) {
  return new Elysia({ name: 'api-merchant-rewards' })
    .use(authPlugin(deps))
    .get(
      '/api/v1/merchant/rewards',
      async ({ actor }) => rewardsJson((await getActiveRules(deps, merchantScope(actor).tenantId)).ruleSet),
      { auth: 'merchant' },
    )
    .put(
      '/api/v1/merchant/rewards',
      async ({ actor, body }) => {
        const { rewards, allowCustomPoints } = Array.isArray(body)
          ? { rewards: body, allowCustomPoints: undefined }
          : { rewards: body.rewards, allowCustomPoints: body.allow_custom_points }
        const live = await publishRewards(deps, merchantScope(actor), {
          rewards,
          allowCustomPoints,
          actorUserId: actor.userId,
        })
        return rewardsJson(live.ruleSet)
      },
      { auth: 'merchant_owner', body: putBody },
    )
}
