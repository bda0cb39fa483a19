import { describe, expect, test } from 'bun:test'
import { signAccessToken } from '../../src/auth/access-token'
import { createSession, revokeSession } from '../../src/auth/sessions.repo'
import { useTestApp } from '../helpers/app'
import { makeUser } from '../helpers/identities'

const getApp = useTestApp()

/** A portal session whose access cookie expired 5 minutes ago but whose refresh cookie is good. */
async function staleSession() {
  const { deps } = getApp()
  const user = await makeUser(deps, { email: `stale-${crypto.randomUUID().slice(0, 8)}@example.com` })
  const { session, refreshToken } = await createSession(deps.dbh.db, user.id, null, deps.clock())
  const expired = await signAccessToken(
    deps.keyring,
    { sub: user.id, sid: session.id },
    new Date(Date.now() - 20 * 60_000),
  )
  return { session, cookie: `sa_access=${expired}; sa_refresh=${refreshToken}` }
}

const page = (cookie: string, extra: Record<string, string> = {}) =>
  getApp().request('/account', { headers: { accept: 'text/html', cookie, ...extra }, redirect: 'manual' })

describe('portal sessions outlive the access token', () => {
  test('an expired access cookie is renewed from the refresh cookie instead of signing the user out', async () => {
    const { cookie } = await staleSession()
    const res = await page(cookie)
    expect(res.status).toBe(200)
    const set = res.headers.getSetCookie().join('\n')
    expect(set).toMatch(/sa_access=[^;]+;.*HttpOnly/)
    expect(set).toMatch(/sa_refresh=rt_/)
  })

  test('a burst of requests with the same stale cookies rotates once and keeps the session alive', async () => {
    const { cookie, session } = await staleSession()
    const burst = await Promise.all(Array.from({ length: 6 }, () => page(cookie, { 'hx-request': 'true' })))
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200])
    // Reuse detection did not fire: the session is still live and the new cookies work.
    const fresh = burst[0]!.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const after = await page(fresh)
    expect(after.status).toBe(200)
    const { findLiveSession } = await import('../../src/auth/sessions.repo')
    expect(await findLiveSession(getApp().deps.dbh.db, session.id, new Date())).not.toBeNull()
  })

  test('after sign-out elsewhere the refresh cookie no longer works and the page asks to sign in', async () => {
    const { cookie, session } = await staleSession()
    await revokeSession(getApp().deps.dbh.db, session.id, 'logout', new Date())
    const res = await page(cookie)
    expect([302, 303]).toContain(res.status)
    expect(res.headers.get('location')).toContain('/signin')
  })

  test('API callers with a Bearer token are never silently refreshed', async () => {
    const { cookie } = await staleSession()
    const expiredBearer = /sa_access=([^;]+)/.exec(cookie)![1]!
    const res = await getApp().request('/api/v1/me', {
      headers: { authorization: `Bearer ${expiredBearer}`, cookie, accept: 'application/json' },
    })
    expect(res.status).toBe(401)
    expect(res.headers.getSetCookie()).toEqual([])
  })
})
