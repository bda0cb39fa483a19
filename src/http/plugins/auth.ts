// The tenant guard on every authenticated route group. A route declares what it needs
// ({ auth: 'merchant' }) and receives `actor`; the tenant comes only from the verified token's
// membership, re-checked against the database on every request.
import { type Cookie, Elysia } from 'elysia'
import { type Actor, resolveActor, verifyPresentedToken } from '../../auth'
import type { AppDeps } from '../../infra/deps'
import { AppError } from '../../shared/errors'
import { ACCESS_COOKIE, REFRESH_COOKIE, setSessionCookies } from '../session-cookies'
import { silentRefresh } from '../silent-refresh'

export type Need = 'consumer' | 'merchant' | 'merchant_owner' | 'admin'
export type MerchantActor = Actor & { tenant: NonNullable<Actor['tenant']> }

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
  if (actor.tenant.status === 'suspended')
    throw new AppError('tenant_suspended', 'This shop is suspended. Contact SalesArck support.')
  if (need === 'merchant_owner' && actor.tenant.role !== 'merchant_owner')
    throw new AppError('forbidden', 'Only the shop owner can do this')
}

type Resolved = { actor: Actor; accessToken: string }

/** Who is calling, or the 401/403 that stops the request. */
async function authenticate(
  deps: AppDeps,
  need: Need,
  request: Request,
  cookie: Record<string, Cookie<unknown>>,
): Promise<Resolved> {
  const presented = bearer(request)
  let token = presented ?? (cookie[ACCESS_COOKIE]?.value as string | undefined)
  const now = deps.clock()
  let claims = token ? await verifyPresentedToken(deps, token, now) : null
  // Portal only (cookies, no Authorization header, not /api/*): an expired access cookie is
  // renewed from the refresh cookie instead of sending the user back to sign-in. The API
  // never does this: its clients refresh explicitly, and a write there must not be served
  // on the strength of the refresh cookie alone.
  const refreshCookie = cookie[REFRESH_COOKIE]?.value
  const portal = !new URL(request.url).pathname.startsWith('/api/')
  if (!claims && !presented && portal && typeof refreshCookie === 'string' && refreshCookie) {
    const pair = await silentRefresh(deps, refreshCookie)
    if (pair) {
      setSessionCookies(cookie, pair, deps.config.COOKIE_SECURE)
      token = pair.access_token
      claims = await verifyPresentedToken(deps, token, now)
    }
  }
  if (!token) throw new AppError('unauthorized', 'Sign in to continue')
  const actor = claims ? await resolveActor(deps.dbh.db, deps.config.ADMIN_EMAILS, claims, now) : null
  if (!actor) throw new AppError('unauthorized', 'Your session has ended; sign in again')
  checkNeed(actor, need)
  return { actor, accessToken: token }
}

export function authPlugin(deps: AppDeps) {
  // Authentication runs in `transform`, which Elysia runs before validating the body, query
  // and params: a caller without credentials gets 401, never a 400 that lists the fields a
  // route expects. `resolve` (after validation) only hands the result to the handler.
  const resolved = new WeakMap<Request, Resolved>()
  return new Elysia({ name: 'auth' }).macro({
    auth: (need: Need) => ({
      async transform({ request, cookie }) {
        resolved.set(request, await authenticate(deps, need, request, cookie))
      },
      resolve({ request }) {
        const r = resolved.get(request)
        if (!r) throw new AppError('unauthorized', 'Sign in to continue')
        return r
      },
    }),
  })
}

/** Narrowing for merchant routes: checkNeed already guaranteed a tenant. */
export function merchantScope(actor: Actor): { tenantId: string } {
  if (!actor.tenant) throw new AppError('forbidden', 'Choose a shop you belong to first')
  return { tenantId: actor.tenant.id }
}
