// Consumer turns points into a code. Points are taken now (so a balance shown is a balance
// spendable), the code lives for the tenant's TTL, and an unused code gives them back.
import type { Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { checkRedemption } from '../rules'
import { AppError } from '../shared/errors'
import { newId } from '../shared/ids'
import { checkOperationPoints } from '../shared/points'
import { explainRedeem } from './explain'
import { codeFromBytes, CODE_LENGTH } from './redemption-code'
import { insertRedemption, type Redemption } from './redemption.repo'
import { redemptionPolicyFor } from './redemption-policy'
import { postDebit } from './record-entry'

export type IssueInput = {
  walletId: string
  points: number
  shopName: string
  now: Date
  /** CSPRNG by default; tests pass fixed bytes to force a collision. */
  randomBytes?: (n: number) => Uint8Array
}

const isLiveCodeClash = (e: unknown) => {
  const c = (e as { cause?: { code?: string; constraint_name?: string } }).cause
  return c?.code === '23505' && c.constraint_name === 'redemptions_live_code'
}

export async function issueRedemption(tx: Tx, scope: TenantScope, input: IssueInput): Promise<Redemption> {
  checkOperationPoints(input.points)
  const policy = await redemptionPolicyFor(tx, scope.tenantId)
  const checked = checkRedemption(policy, input.points)
  if (!checked.ok) throw new AppError(checked.error.code, checked.error.message)
  const id = newId('red', input.now.getTime())
  await postDebit(tx, scope, {
    type: 'redeem',
    walletId: input.walletId,
    points: input.points,
    referenceType: 'redemption',
    referenceId: id,
    explanation: explainRedeem(input.points, input.shopName),
    now: input.now,
  })
  const random = input.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)))
  const expiresAt = new Date(input.now.getTime() + policy.codeTtlSeconds * 1000)
  // 50 bits make a clash with a live code vanishingly rare; a savepoint lets us draw again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await tx.transaction((sp) =>
        insertRedemption(sp, { id, tenantId: scope.tenantId, walletId: input.walletId, code: codeFromBytes(random(CODE_LENGTH)), points: input.points, expiresAt, createdAt: input.now }),
      )
    } catch (e) {
      if (!isLiveCodeClash(e) || attempt >= 4) throw e
    }
  }
}
