// The tenant guard on every authenticated route group. A route declares what it needs
// ({ auth: 'merchant' }) and receives `actor`; the tenant comes only from the verified token's
// membership, re-checked against the database on every request.
import { Elysia } from 'elysia'
import { type Actor, resolveActor } from '../../auth/actor'
import { verifyPresentedToken } from '../../auth/verify-access'
import type { AppDeps } from '../../infra/deps'
import { AppError } from '../../shared/errors'
import { setSessionCookies } from '../session-cookies'
import { silentRefresh } from '../silent-refresh'

export type Need = 'consumer' | 'merchant' | 'merchant_owner' | 'admin'
export type MerchantActor = Actor & { tenant: NonNullable<Actor['tenant']> }

export const ACCESS_COOKIE = 'sa_access'
export const REFRESH_COOKIE = 'sa_refresh'

function bearer(request: Request): string | undefined {
  const h = request.headers.get('authorization')
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined
}

export function checkNeed(actor: Actor, need: Need): void {
  if (need === 'consumer') return
  if (need === 'admin') {
    if (!actor.isAdmin) throw new AppError('forbidden', 'This needs a platform administrator')
    return
  }
  if (!actor.tenant) throw new AppError('forbidden', 'Choose a shop you belong to first')
  if (actor.tenant.status === 'suspended') throw new AppError('tenant_suspended', 'This shop is suspended. Contact SalesArck support.')
  if (need === 'merchant_owner' && actor.tenant.role !== 'merchant_owner') throw new AppError('forbidden', 'Only the shop owner can do this')
}

export function authPlugin(deps: AppDeps) {
  return new Elysia({ name: 'auth' }).macro({
    auth: (need: Need) => ({
      async resolve({ request, cookie }) {
        const presented = bearer(request)
        let token = presented ?? (cookie[ACCESS_COOKIE]?.value as string | undefined)
        const now = deps.clock()
        let claims = token ? await verifyPresentedToken(deps, token, now) : null
        // Portal only (cookies, no Authorization header): an expired access cookie is renewed
        // from the refresh cookie instead of sending the user back to sign-in.
        const refreshCookie = cookie[REFRESH_COOKIE]?.value
        if (!claims && !presented && typeof refreshCookie === 'string' && refreshCookie) {
          const pair = await silentRefresh(deps, refreshCookie)
          if (pair) {
            setSessionCookies(cookie as never, pair, deps.config.COOKIE_SECURE)
            token = pair.access_token
            claims = await verifyPresentedToken(deps, token, now)
          }
        }
        if (!token) throw new AppError('unauthorized', 'Sign in to continue')
        const actor = claims ? await resolveActor(deps.dbh.db, deps.config.ADMIN_EMAILS, claims, now) : null
        if (!actor) throw new AppError('unauthorized', 'Your session has ended; sign in again')
        checkNeed(actor, need)
        return { actor, accessToken: token }
      },
    }),
  })
}

/** Narrowing for merchant routes: checkNeed already guaranteed a tenant. */
export function merchantScope(actor: Actor): { tenantId: string } {
  if (!actor.tenant) throw new AppError('forbidden', 'Choose a shop you belong to first')
  return { tenantId: actor.tenant.id }
}
