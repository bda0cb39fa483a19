// What a rule set says points buy, for the wallet, the redemption flow and PUT /rewards. Pure:
// new reward ids come in as a function, so the same input always gives the same catalog.
import { formatPoints } from './format'
import type { Reward } from './kinds/rewards'
import type { RuleSet } from './rule-set'

export type { Reward } from './kinds/rewards'

export type RewardCatalog = { items: Reward[]; allowCustomPoints: boolean }

/** Without a rewards rule a shop has no catalog and redeems any amount (as before rewards existed). */
export function rewardCatalog(ruleSet: RuleSet): RewardCatalog {
  const entry = ruleSet.rules.find((e) => e.kind === 'rewards')
  return entry?.kind === 'rewards'
    ? { items: entry.config.items, allowCustomPoints: entry.config.allow_custom_points }
    : { items: [], allowCustomPoints: true }
}

export const offeredRewards = (catalog: RewardCatalog): Reward[] =>
  catalog.items.filter((r) => r.active).sort((a, b) => a.points - b.points)

/** An offered reward by id; a paused or unknown one is not redeemable. */
export const offeredReward = (catalog: RewardCatalog, rewardId: string): Reward | null =>
  offeredRewards(catalog).find((r) => r.reward_id === rewardId) ?? null

export type NextReward = { reward: Reward; pointsToGo: number }

/**
 * The reward to aim for: the cheapest one the balance does not reach yet ("40 pts to a free
 * drink"); once every reward is in reach, the dearest of them, with nothing to go.
 */
export function nextReward(catalog: RewardCatalog, balance: number): NextReward | null {
  const offered = offeredRewards(catalog)
  const ahead = offered.find((r) => r.points > balance)
  if (ahead) return { reward: ahead, pointsToGo: ahead.points - balance }
  const dearest = offered.at(-1)
  return dearest ? { reward: dearest, pointsToGo: 0 } : null
}

export const describeNextReward = (next: NextReward): string =>
  next.pointsToGo > 0 ? `${formatPoints(next.pointsToGo)} to ${next.reward.name}` : `Enough for ${next.reward.name}`

export type RewardDraft = {
  reward_id?: string | undefined
  name: string
  points: number
  active?: boolean | undefined
  photo_url?: string | null | undefined
}

/**
 * A new catalog (as written to PUT /rewards or the portal) laid over the current rule set:
 * a draft without an id keeps the id of the current reward with the same name (so sending the
 * same list twice changes nothing), else gets a new one. Returns rule-set input to publish.
 */
export function withRewards(
  ruleSet: RuleSet,
  drafts: RewardDraft[],
  allowCustomPoints: boolean | undefined,
  mintId: () => string,
): unknown {
  const current = rewardCatalog(ruleSet)
  const byName = new Map(current.items.map((r) => [r.name.trim().toLowerCase(), r.reward_id]))
  const items = drafts.map((d) => ({
    reward_id: d.reward_id ?? byName.get(d.name.trim().toLowerCase()) ?? mintId(),
    name: d.name,
    points: d.points,
    active: d.active ?? true,
    photo_url: d.photo_url ?? null,
  }))
  const config = { allow_custom_points: allowCustomPoints ?? current.allowCustomPoints, items }
  const others = ruleSet.rules.filter((e) => e.kind !== 'rewards')
  return { ...ruleSet, rules: [...others, { kind: 'rewards', config }] }
}
