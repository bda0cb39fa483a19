// Consumer turns points into a code. Points are taken now (so a balance shown is a balance
// spendable), the code lives for the tenant's TTL, and an unused code gives them back.
import { isUniqueViolation, type Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { checkRedemption, offeredReward, type Reward } from '../rules'
import { AppError, notFound } from '../shared/errors'
import { newId } from '../shared/ids'
import { checkOperationPoints } from '../shared/points'
import { explainRedeem, explainRedeemReward } from './explain'
import { codeFromBytes, CODE_LENGTH } from './redemption-code'
import { insertRedemption, type Redemption } from './redemption.repo'
import { type RedemptionTerms, redemptionTermsFor } from './redemption-policy'
import { postDebit } from './record-entry'

/** Either an amount of points (where the shop allows it) or a reward from the catalog. */
export type IssueInput = {
  walletId: string
  points?: number | undefined
  rewardId?: string | undefined
  shopName: string
  now: Date
  /** CSPRNG by default; tests pass fixed bytes to force a collision. */
  randomBytes?: (n: number) => Uint8Array
}

/**
 * What is being bought. A reward costs its catalog points (redemption limits are for amounts a
 * customer types; the owner priced the reward). An amount needs the shop to allow amounts.
 */
function pick(terms: RedemptionTerms, input: IssueInput): { points: number; reward: Reward | null } {
  if (input.rewardId !== undefined) {
    const reward = offeredReward(terms.catalog, input.rewardId)
    if (!reward) throw notFound('Reward')
    return { points: reward.points, reward }
  }
  if (input.points === undefined)
    throw new AppError('validation_failed', 'Pick a reward or enter points', {
      fields: { points: 'is required without a reward_id' },
    })
  checkOperationPoints(input.points)
  if (!terms.catalog.allowCustomPoints)
    throw new AppError('rule_violation', 'This shop redeems points for rewards only: pick a reward')
  const checked = checkRedemption(terms.policy, input.points)
  if (!checked.ok) throw new AppError(checked.error.code, checked.error.message)
  return { points: input.points, reward: null }
}

export async function issueRedemption(tx: Tx, scope: TenantScope, input: IssueInput): Promise<Redemption> {
  const terms = await redemptionTermsFor(tx, scope.tenantId)
  const { points, reward } = pick(terms, input)
  const id = newId('red', input.now.getTime())
  await postDebit(tx, scope, {
    type: 'redeem',
    walletId: input.walletId,
    points,
    referenceType: 'redemption',
    referenceId: id,
    ruleVersionId: terms.ruleVersionId,
    explanation: reward
      ? explainRedeemReward(points, reward.name, input.shopName)
      : explainRedeem(points, input.shopName),
    now: input.now,
  })
  const policy = terms.policy
  const random = input.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)))
  const expiresAt = new Date(input.now.getTime() + policy.codeTtlSeconds * 1000)
  // 50 bits make a clash with a live code vanishingly rare; a savepoint lets us draw again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await tx.transaction((sp) =>
        insertRedemption(sp, {
          id,
          tenantId: scope.tenantId,
          walletId: input.walletId,
          code: codeFromBytes(random(CODE_LENGTH)),
          points,
          rewardId: reward?.reward_id ?? null,
          rewardName: reward?.name ?? null,
          ruleVersionId: terms.ruleVersionId,
          expiresAt,
          createdAt: input.now,
        }),
      )
    } catch (e) {
      if (!isUniqueViolation(e, 'redemptions_live_code') || attempt >= 4) throw e
    }
  }
}
