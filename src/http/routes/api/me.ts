// The caller's identity and roles, the active-tenant switch and a second contact (api-v1 "/me").
import { Elysia } from 'elysia'
import { z } from 'zod'
import { getMe, requestContactCode, switchTenant, verifyContact } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { clientIp } from '../../client-ip'
import { authPlugin } from '../../plugins/auth'

export function meApiRoutes(deps: AppDeps) {
  return new Elysia({ name: 'api-me' })
    .use(authPlugin(deps))
    .get('/api/v1/me', ({ actor }) => getMe(deps.dbh.db, actor), { auth: 'consumer' })
    .post(
      '/api/v1/me/active-tenant',
      ({ actor, body }) => switchTenant(deps, actor, body.tenant_id, body.refresh_token),
      {
        auth: 'consumer',
        body: z.object({ tenant_id: z.string().max(100), refresh_token: z.string().max(512).optional() }),
      },
    )
    .post(
      '/api/v1/me/contacts',
      async ({ actor, body, request, server, set }) => {
        await requestContactCode(deps, actor.userId, {
          destination: body.destination,
          ip: clientIp(deps.config, request, server),
        })
        set.status = 202
        return { status: 'accepted' }
      },
      { auth: 'consumer', body: z.object({ destination: z.string().max(320) }) },
    )
    .post(
      '/api/v1/me/contacts/verify',
      ({ actor, body, request, server }) =>
        verifyContact(deps, actor.userId, {
          destination: body.destination,
          code: body.code,
          ip: clientIp(deps.config, request, server),
        }),
      {
        auth: 'consumer',
        body: z.object({ destination: z.string().max(320), code: z.string().max(32) }),
      },
    )
}
