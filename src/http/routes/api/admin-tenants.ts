// Platform admin: tenants and the audit log (api-v1 "Platform admin"). Admin is platform-wide
// by design, so these are the named system-scope callers.
import { Elysia } from 'elysia'
import { z } from 'zod'
import { listAudit } from '../../../audit'
import type { AppDeps } from '../../../infra/deps'
import { createTenant, listTenants, setTenantStatus } from '../../../tenancy'
import { authPlugin } from '../../plugins/auth'

const reasonBody = z.object({ reason: z.string().max(500) })
const tenantOut = (t: { id: string; slug: string; name: string; status: string; currency: string }) => ({ id: t.id, slug: t.slug, name: t.name, status: t.status, currency: t.currency })

export function adminTenantsApiRoutes(deps: AppDeps) {
  return new Elysia({ name: 'api-admin-tenants' })
    .use(authPlugin(deps))
    .get('/api/v1/admin/tenants', async () => (await listTenants(deps.dbh.db)).map(tenantOut), { auth: 'admin' })
    .post(
      '/api/v1/admin/tenants',
      async ({ actor, body, set }) => {
        const t = await createTenant(deps.dbh.db, actor.userId, body, deps.clock())
        set.status = 201
        return tenantOut(t)
      },
      { auth: 'admin' },
    )
    .post('/api/v1/admin/tenants/:id/suspend', async ({ actor, params, body }) => tenantOut(await setTenantStatus(deps.dbh.db, actor.userId, params.id, 'suspended', body.reason, deps.clock())), {
      auth: 'admin',
      body: reasonBody,
    })
    .post('/api/v1/admin/tenants/:id/reinstate', async ({ actor, params, body }) => tenantOut(await setTenantStatus(deps.dbh.db, actor.userId, params.id, 'active', body.reason, deps.clock())), {
      auth: 'admin',
      body: reasonBody,
    })
    .get(
      '/api/v1/admin/audit-events',
      async ({ query }) =>
        (await listAudit(deps.dbh.db, { limit: 200, ...(query.target_id ? { targetId: query.target_id } : {}) })).map((e) => ({
          id: e.id,
          actor_user_id: e.actorUserId,
          action: e.action,
          target: { type: e.targetType, id: e.targetId, tenant_id: e.targetTenantId },
          before: e.before,
          after: e.after,
          reason: e.reason,
          request_id: e.requestId,
          at: e.createdAt.toISOString(),
        })),
      { auth: 'admin', query: z.object({ target_id: z.string().max(100).optional() }) },
    )
}
