// Platform admin, POS (api-v1.md): link a POS merchant account to a tenant without OAuth, and
// replay a stored inbox event. Both platform-wide by design, both audited.
import { Elysia } from 'elysia'
import { z } from 'zod'
import type { AppDeps } from '../../../infra/deps'
import { activateToastConnection, latestCloverVerification, listPendingOwnershipClaims } from '../../../pos/connection'
import { posProviders } from '../../../pos'
import { linkMerchantManually, replayInboxEvent } from '../../../pos/ingest'
import { AppError } from '../../../shared/errors'
import { authPlugin } from '../../plugins/auth'

const linkBody = z.object({
  provider: z.enum(posProviders),
  external_merchant_id: z.string().trim().min(1).max(200),
})
const replayBody = z.object({ reason: z.string().trim().min(1).max(500).optional() }).optional()
const activateBody = z.object({
  claim_code: z.string().trim().min(1).max(20),
  reason: z.string().trim().min(1).max(500),
})

export function adminPosApiRoutes(deps: AppDeps) {
  return new Elysia({ name: 'api-admin-pos' })
    .use(authPlugin(deps))
    .post(
      '/api/v1/admin/tenants/:id/connections',
      async ({ actor, params, body, set }) => {
        const link = await linkMerchantManually(deps, actor.userId, {
          tenantId: params.id,
          provider: body.provider,
          externalMerchantId: body.external_merchant_id,
        })
        set.status = link.created ? 201 : 200
        return {
          id: link.id,
          tenant_id: link.tenantId,
          provider: link.provider,
          external_merchant_id: link.externalMerchantId,
          status: link.status,
          auth_mode: 'manual',
          claimed_events: link.claimedEvents,
        }
      },
      { auth: 'admin', body: linkBody },
    )
    .get(
      '/api/v1/admin/pos/clover/verification',
      async () => {
        // Clover's webhook handshake code, to paste into Clover's dashboard (issue 10.4).
        const v = await latestCloverVerification(deps)
        if (!v) throw new AppError('not_found', 'No Clover verification code has arrived yet')
        return { provider: 'clover', verification_code: v.code, received_at: v.receivedAt.toISOString() }
      },
      { auth: 'admin' },
    )
    .get(
      '/api/v1/admin/pos/toast/pending-connections',
      async () =>
        (await listPendingOwnershipClaims(deps)).map((c) => ({
          connection_id: c.connectionId,
          tenant_id: c.tenantId,
          tenant_name: c.tenantName,
          external_merchant_id: c.externalMerchantId,
          since: c.since.toISOString(),
          wrong_codes: c.failures,
        })),
      { auth: 'admin' },
    )
    .post(
      '/api/v1/admin/pos/toast/connections/:id/activate',
      async ({ actor, params, body }) => {
        // The platform admin's half of the Toast ownership proof (ADR 0016); audited.
        const r = await activateToastConnection(deps, actor.userId, params.id, body.claim_code, body.reason)
        return { connection_id: params.id, status: 'connected', released_events: r.released }
      },
      { auth: 'admin', body: activateBody },
    )
    .post(
      '/api/v1/admin/webhook-events/:id/replay',
      async ({ actor, params, body, set }) => {
        const row = await replayInboxEvent(
          deps,
          actor.userId,
          params.id,
          body?.reason ?? 'replayed by a platform admin',
        )
        set.status = 202
        return { id: row.id, status: row.status }
      },
      { auth: 'admin', body: replayBody },
    )
}
