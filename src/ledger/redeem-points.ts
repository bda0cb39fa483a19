// The one way a consumer redeems, for the JSON API and the portal alike: issue the code in the
// wallet's tenant (through the caller's Idempotency-Key when there is one, ADR 0007), then
// schedule its expiry once that has committed. Callers get the redemption and whether it was a
// replay, and turn that into their own answer.
import { storedRefusal, withIdempotency } from '../idempotency'
import type { Db, Tx } from '../infra/db'
import type { Queues } from '../infra/queue'
import { inTenant } from '../infra/scope'
import { issueRedemption } from './issue-redemption'
import type { Redemption } from './redemption.repo'
import { scheduleRedemptionExpiry } from './schedule-expiry'

export type RedeemChoice = { points: number } | { rewardId: string }

export type RedeemRequest = {
  /** A wallet the user owns (ownedWallet); its tenant is where the points move. */
  wallet: { walletId: string; tenantId: string; tenantName: string }
  userId: string
  choice: RedeemChoice
  /** Null: the redemption runs once and nothing is kept for a retry. */
  idempotencyKey: string | null
  now: Date
}

export type Redeemed = { redemption: Redemption; replayed: boolean }

/** Names the operation in the key's fingerprint; the stored body is a redemption as issued. */
const OPERATION = 'redeem-points'

/** The stored reply is JSON: its instants come back as strings. */
const revive = (r: Redemption): Redemption => ({
  ...r,
  expiresAt: new Date(r.expiresAt),
  createdAt: new Date(r.createdAt),
  completedAt: r.completedAt && new Date(r.completedAt),
})

/**
 * Refusals (too few points, a limit, an unknown reward) are thrown: as the ledger's AppError
 * without a key, as a StoredRefusal with one (the first time and on every replay), so a caller
 * can tell a refused redemption from a refused key (reused with another body: 409).
 */
export async function redeemPoints(deps: { db: Db; queues: Queues }, req: RedeemRequest): Promise<Redeemed> {
  const { wallet, now } = req
  const scope = { tenantId: wallet.tenantId }
  const issue = (tx: Tx) =>
    issueRedemption(tx, scope, { walletId: wallet.walletId, ...req.choice, shopName: wallet.tenantName, now })
  let redeemed: Redeemed
  if (req.idempotencyKey === null) {
    redeemed = { redemption: await inTenant(deps.db, scope, issue), replayed: false }
  } else {
    const body =
      'rewardId' in req.choice
        ? { wallet_id: wallet.walletId, reward_id: req.choice.rewardId }
        : { wallet_id: wallet.walletId, points: req.choice.points }
    const reply = await withIdempotency(
      deps.db,
      { tenantId: wallet.tenantId, callerId: req.userId, key: req.idempotencyKey, route: OPERATION, body, now },
      async (tx) => ({ status: 201, body: await issue(tx) }),
    )
    if (reply.status !== 201) throw storedRefusal(reply)
    redeemed = { redemption: revive(reply.body as Redemption), replayed: reply.replayed }
  }
  // Also on a replay: the job id makes it a no-op, or it replaces an enqueue that was lost.
  const r = redeemed.redemption
  await scheduleRedemptionExpiry(deps.queues, { id: r.id, tenantId: r.tenantId, expiresAt: r.expiresAt }, now)
  return redeemed
}
