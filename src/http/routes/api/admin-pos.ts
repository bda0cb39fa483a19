// Platform admin, POS (api-v1.md): link a POS merchant account to a tenant without OAuth, and
// replay a stored webhook event. Both platform-wide by design, both audited.
import { Elysia } from 'elysia'
import { z } from 'zod'
import type { AppDeps } from '../../../infra/deps'
import { linkMerchantManually, replayWebhookEvent } from '../../../pos/ingest'
import { providers } from '../../../pos/pos.schema'
import { authPlugin } from '../../plugins/auth'

const linkBody = z.object({
  provider: z.enum(providers),
  external_merchant_id: z.string().trim().min(1).max(200),
})
const replayBody = z.object({ reason: z.string().trim().min(1).max(500).optional() }).optional()

export function adminPosApiRoutes(deps: AppDeps) {
  return new Elysia({ name: 'api-admin-pos' })
    .use(authPlugin(deps))
    .post(
      '/api/v1/admin/tenants/:id/connections',
      async ({ actor, params, body, set }) => {
        const link = await linkMerchantManually(deps, actor.userId, { tenantId: params.id, provider: body.provider, externalMerchantId: body.external_merchant_id })
        set.status = link.created ? 201 : 200
        return { id: link.id, tenant_id: link.tenantId, provider: link.provider, external_merchant_id: link.externalMerchantId, status: link.status, auth_mode: 'manual', claimed_events: link.claimedEvents }
      },
      { auth: 'admin', body: linkBody },
    )
    .post(
      '/api/v1/admin/webhook-events/:id/replay',
      async ({ actor, params, body, set }) => {
        const row = await replayWebhookEvent(deps, actor.userId, params.id, body?.reason ?? 'replayed by a platform admin')
        set.status = 202
        return { id: row.id, status: row.status }
      },
      { auth: 'admin', body: replayBody },
    )
}
