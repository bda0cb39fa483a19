// Staff complete a code (api-v1.md: 200 valid; 404 unknown, 409 used, 410 expired/cancelled).
// A repeat of this shop's own completion within 2 minutes is the same 200 (ADR 0021).
import { Elysia } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { completeRedemption, previewRedemption, type Redemption } from '../../../ledger'
import { maskMember } from '../../../members'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { idempotentReply } from '../../idempotent'
import { rewardJson } from './consumer'

const redemptionJson = (r: Redemption) => ({
  redemption_id: r.id,
  points: r.points,
  /** What to hand over: the catalog reward the code bought, or null for an amount of points. */
  reward: rewardJson(r),
  status: r.status,
  expires_at: r.expiresAt.toISOString(),
  completed_at: r.completedAt?.toISOString() ?? null,
})

export function merchantRedemptionsApi(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'api-merchant-redemptions' })
    .use(authPlugin(deps))
    .get(
      '/api/v1/merchant/redemptions/:code',
      async ({ actor, params }) => {
        const scope = merchantScope(actor)
        const seen = await inTenant(db, scope, (tx) => previewRedemption(tx, scope, params.code))
        return { ...redemptionJson(seen.redemption), member: maskMember(seen) }
      },
      { auth: 'merchant' },
    )
    .post(
      '/api/v1/merchant/redemptions/:code/complete',
      async ({ actor, params, request }) => {
        const scope = merchantScope(actor)
        const now = deps.clock()
        return idempotentReply(
          {
            db,
            request,
            tenantId: scope.tenantId,
            callerId: actor.userId,
            route: 'POST /api/v1/merchant/redemptions/:code/complete',
            body: { code: params.code },
            now,
          },
          async (tx) => ({
            status: 200,
            body: redemptionJson(
              await completeRedemption(tx, scope, { code: params.code, staffUserId: actor.userId, now }),
            ),
          }),
        )
      },
      {
        auth: 'merchant',
        detail: {
          summary:
            'Complete a code at the till: 200; a repeat by this shop within 2 minutes answers the same 200 (ADR 0021); 404 unknown, 409 used, 410 expired or cancelled',
        },
      },
    )
}
