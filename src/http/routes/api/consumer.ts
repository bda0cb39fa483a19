// Consumer JSON API (api-v1.md, Consumer). The tenant of each call is the tenant of a wallet
// the signed-in user owns, resolved on the server; someone else's wallet is a 404.
import { Elysia, t } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { scheduleCodeExpiring } from '../../../notices'
import { erasePerson } from '../../../privacy'
import {
  entryJson,
  formatCode,
  ownedRedemption,
  ownedWallet,
  redeemPoints,
  type Redemption,
  walletsOfUser,
  walletStatement,
} from '../../../ledger'
import { getActiveRules, nextReward, rewardCatalog } from '../../../rules'
import { referralLinkFor } from '../../../referrals'
import { AppError, notFound } from '../../../shared/errors'
import { authPlugin } from '../../plugins/auth'
import { idempotencyKeyOf } from '../../idempotent'

/** The catalog reward a code buys, as named when it was issued; null for an amount of points. */
export const rewardJson = (r: Pick<Redemption, 'rewardId' | 'rewardName'>) =>
  r.rewardId ? { reward_id: r.rewardId, name: r.rewardName } : null

export function consumerApi(deps: AppDeps) {
  const db = deps.dbh.db
  return (
    new Elysia({ name: 'api-consumer' })
      .use(authPlugin(deps))
      .get(
        '/api/v1/consumer/wallets',
        async ({ actor }) =>
          Promise.all(
            (await walletsOfUser(db, actor.userId)).map(async (w) => {
              const next = nextReward(rewardCatalog((await getActiveRules(deps, w.tenantId)).ruleSet), w.balance)
              const item = {
                wallet_id: w.walletId,
                tenant_id: w.tenantId,
                tenant_name: w.tenantName,
                balance: w.balance,
                currency: w.currency,
              }
              return next
                ? {
                    ...item,
                    next_reward: {
                      reward_id: next.reward.reward_id,
                      name: next.reward.name,
                      points: next.reward.points,
                      points_to_go: next.pointsToGo,
                    },
                  }
                : item
            }),
          ),
        { auth: 'consumer' },
      )
      .get(
        '/api/v1/consumer/wallets/:walletId/entries',
        async ({ actor, params, query }) => {
          const w = await ownedWallet(db, actor.userId, params.walletId)
          if (!w) throw notFound('Wallet')
          return (await walletStatement(db, { tenantId: w.tenantId }, w.walletId, query.limit ?? 100)).map(entryJson)
        },
        { auth: 'consumer', query: t.Object({ limit: t.Optional(t.Number({ minimum: 1, maximum: 500 })) }) },
      )
      // The member's invitation link to this wallet's shop (made on first request, then kept).
      .get(
        '/api/v1/consumer/wallets/:walletId/referral',
        async ({ actor, params }) => {
          const link = await referralLinkFor(deps, actor.userId, params.walletId)
          if (!link) throw new AppError('conflict', 'This shop has no referral programme at the moment')
          return { url: link.url }
        },
        { auth: 'consumer' },
      )
      .post(
        '/api/v1/consumer/redemptions',
        async ({ actor, body, request, set }) => {
          if ((body.points === undefined) === (body.reward_id === undefined)) {
            throw new AppError('validation_failed', 'Send either points or reward_id', {
              fields: { points: 'send points or reward_id, not both' },
            })
          }
          const w = await ownedWallet(db, actor.userId, body.wallet_id)
          if (!w) throw notFound('Wallet')
          const idempotencyKey = idempotencyKeyOf(request)
          const choice = body.reward_id !== undefined ? { rewardId: body.reward_id } : { points: body.points! }
          const now = deps.clock()
          const { redemption: r, replayed } = await redeemPoints(
            { db, queues: deps.queues },
            { wallet: w, userId: actor.userId, choice, idempotencyKey, now },
          )
          // The "expires in 5 minutes" notice (ADR 0024); its job id makes a replay's repeat a no-op.
          await scheduleCodeExpiring(deps.queues, { id: r.id, tenantId: w.tenantId, expiresAt: r.expiresAt }, now)
          set.status = 201
          if (replayed) set.headers['idempotent-replayed'] = 'true'
          return {
            redemption_id: r.id,
            code: r.code,
            display_code: formatCode(r.code),
            points: r.points,
            reward: rewardJson(r),
            expires_at: r.expiresAt.toISOString(),
            status: r.status,
          }
        },
        {
          auth: 'consumer',
          body: t.Object({
            wallet_id: t.String({ maxLength: 64 }),
            points: t.Optional(t.Integer()),
            reward_id: t.Optional(t.String({ maxLength: 80 })),
          }),
        },
      )
      .get(
        '/api/v1/consumer/redemptions/:redemptionId',
        async ({ actor, params }) => {
          const r = await ownedRedemption(db, actor.userId, params.redemptionId)
          if (!r) throw notFound('Redemption')
          return {
            redemption_id: r.id,
            code: r.code,
            points: r.points,
            reward: rewardJson(r),
            status: r.status,
            expires_at: r.expiresAt.toISOString(),
            completed_at: r.completedAt?.toISOString() ?? null,
          }
        },
        { auth: 'consumer' },
      )
      .delete(
        '/api/v1/consumer/me',
        async ({ actor, set }) => {
          // Identity, members, recorded sales, stored webhook bodies and messages, in one
          // transaction; balances and ledger stay. Every session of this user ends.
          await erasePerson(deps, actor.userId)
          set.status = 204
          return ''
        },
        { auth: 'consumer' },
      )
  )
}
