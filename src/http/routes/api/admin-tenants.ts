// Platform admin: tenants (api-v1 "Platform admin"); the audit log is served by admin-ledger.ts.
// Admin is platform-wide by design, so these are named system-scope callers.
import { Elysia } from 'elysia'
import { z } from 'zod'
import type { AppDeps } from '../../../infra/deps'
import { createTenant } from '../../../onboarding'
import { inviteOwner, listTenants, setTenantStatus } from '../../../tenancy'
import { authPlugin } from '../../plugins/auth'

const reasonBody = z.object({ reason: z.string().max(500) })
const tenantOut = (t: { id: string; slug: string; name: string; status: string; currency: string }) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  status: t.status,
  currency: t.currency,
})

export function adminTenantsApiRoutes(deps: AppDeps) {
  return new Elysia({ name: 'api-admin-tenants' })
    .use(authPlugin(deps))
    .get('/api/v1/admin/tenants', async () => (await listTenants(deps.dbh.db)).map(tenantOut), { auth: 'admin' })
    .post(
      '/api/v1/admin/tenants',
      async ({ actor, body, set }) => {
        const t = await createTenant(deps.dbh.db, actor.userId, body, deps.clock())
        await inviteOwner(deps, t.id)
        set.status = 201
        return tenantOut(t)
      },
      { auth: 'admin' },
    )
    .post(
      '/api/v1/admin/tenants/:id/suspend',
      async ({ actor, params, body }) =>
        tenantOut(await setTenantStatus(deps.dbh.db, actor.userId, params.id, 'suspended', body.reason, deps.clock())),
      {
        auth: 'admin',
        body: reasonBody,
      },
    )
    .post(
      '/api/v1/admin/tenants/:id/reinstate',
      async ({ actor, params, body }) =>
        tenantOut(await setTenantStatus(deps.dbh.db, actor.userId, params.id, 'active', body.reason, deps.clock())),
      {
        auth: 'admin',
        body: reasonBody,
      },
    )
}
