// Sign-in API (api-v1 "Sign-in") and the public key set for our access tokens.
import { Elysia } from 'elysia'
import { z } from 'zod'
import { jwks, logout, refreshTokens, requestOtp, verifyOtp } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { clientIp } from '../../client-ip'
import { authPlugin } from '../../plugins/auth'

const destinationBody = z.object({ destination: z.string().max(320) })

export function authApiRoutes(deps: AppDeps) {
  return new Elysia({ name: 'api-auth' })
    .use(authPlugin(deps))
    .get('/.well-known/jwks.json', ({ set }) => {
      set.headers['cache-control'] = 'public, max-age=300'
      return jwks(deps.keyring)
    })
    .post(
      '/api/v1/auth/otp',
      async ({ body, request, server, set }) => {
        await requestOtp(deps, { destination: body.destination, ip: clientIp(deps.config, request, server) })
        set.status = 202
        return { status: 'accepted' }
      },
      { body: destinationBody },
    )
    .post(
      '/api/v1/auth/verify',
      ({ body, request, server }) =>
        verifyOtp(deps, { destination: body.destination, code: body.code, ip: clientIp(deps.config, request, server) }),
      { body: destinationBody.extend({ code: z.string().max(32) }) },
    )
    .post('/api/v1/auth/refresh', ({ body }) => refreshTokens(deps, body.refresh_token), {
      body: z.object({ refresh_token: z.string().max(512) }),
    })
    .post(
      '/api/v1/auth/logout',
      async ({ actor, accessToken, set }) => {
        await logout(deps, actor.sessionId, accessToken)
        set.status = 204
      },
      { auth: 'consumer' },
    )
}
