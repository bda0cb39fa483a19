// The caller's identity and roles, and the active-tenant switch (api-v1 "/me").
import { Elysia } from 'elysia'
import { z } from 'zod'
import { getMe, switchTenant } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { authPlugin } from '../../plugins/auth'

export function meApiRoutes(deps: AppDeps) {
  return new Elysia({ name: 'api-me' })
    .use(authPlugin(deps))
    .get('/api/v1/me', ({ actor }) => getMe(deps.dbh.db, actor), { auth: 'consumer' })
    .post('/api/v1/me/active-tenant', ({ actor, body }) => switchTenant(deps, actor, body.tenant_id, body.refresh_token), {
      auth: 'consumer',
      body: z.object({ tenant_id: z.string().max(100), refresh_token: z.string().max(512).optional() }),
    })
}
