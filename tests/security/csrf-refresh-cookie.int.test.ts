// Issue 12.3: after 15 idle minutes a browser holds only the refresh cookie (the access cookie
// has expired). That cookie is still an ambient credential: a cross-site write on /api/* that
// carries it must meet the CSRF check, and the API never turns it into a session on its own.
import { describe, expect, test } from 'bun:test'
import { signAccessToken } from '../../src/auth/access-token'
import { createSession, findLiveSession } from '../../src/auth/sessions.repo'
import { useTestApp } from '../helpers/app'
import { makeUser } from '../helpers/identities'

const getApp = useTestApp()

/** A browser whose access cookie expired 20 minutes ago and whose refresh cookie is good. */
async function idleBrowser(opts: { withExpiredAccess: boolean }) {
  const { deps } = getApp()
  const user = await makeUser(deps, { email: `idle-${crypto.randomUUID().slice(0, 8)}@example.com` })
  const { session, refreshToken } = await createSession(deps.dbh.db, user.id, null, deps.clock())
  const expired = await signAccessToken(
    deps.keyring,
    { sub: user.id, sid: session.id },
    new Date(Date.now() - 20 * 60_000),
  )
  const cookie = opts.withExpiredAccess
    ? `sa_access=${expired}; sa_refresh=${refreshToken}`
    : `sa_refresh=${refreshToken}`
  return { session, cookie }
}

const CSRF = 'c'.repeat(32)

describe('CSRF with only the refresh cookie', () => {
  test('a cross-site API write carrying only the refresh cookie is refused and does nothing', async () => {
    const { session, cookie } = await idleBrowser({ withExpiredAccess: false })
    const res = await getApp().json('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    })
    // 401 (no session without a live access token) or 403 (CSRF): either way, not served.
    expect([401, 403]).toContain(res.status)
    expect(res.body).toMatchObject({ error: { code: expect.stringMatching(/^(unauthorized|forbidden)$/) } })
    expect(res.headers.getSetCookie()).toEqual([])
    expect(await findLiveSession(getApp().deps.dbh.db, session.id, new Date())).not.toBeNull()
  })

  test('a same-site API write with only the refresh cookie and no CSRF token is refused', async () => {
    const { session, cookie } = await idleBrowser({ withExpiredAccess: true })
    const res = await getApp().json('/api/v1/auth/logout', { method: 'POST', headers: { cookie } })
    expect([401, 403]).toContain(res.status)
    expect(res.headers.getSetCookie()).toEqual([])
    expect(await findLiveSession(getApp().deps.dbh.db, session.id, new Date())).not.toBeNull()
  })

  test('the refresh cookie alone makes an API write cookie-authenticated: cross-site is refused by the CSRF check', async () => {
    const { cookie } = await idleBrowser({ withExpiredAccess: false })
    const refresh = /sa_refresh=([^;]+)/.exec(cookie)![1]!
    const res = await getApp().json('/api/v1/auth/refresh', {
      method: 'POST',
      body: { refresh_token: refresh },
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    })
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } })
  })

  test('with a valid CSRF token the API still answers 401: it never refreshes silently', async () => {
    const { session, cookie } = await idleBrowser({ withExpiredAccess: true })
    const res = await getApp().json('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie: `${cookie}; sa_csrf=${CSRF}`, 'x-csrf-token': CSRF },
    })
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ error: { code: 'unauthorized' } })
    expect(res.headers.getSetCookie()).toEqual([])
    expect(await findLiveSession(getApp().deps.dbh.db, session.id, new Date())).not.toBeNull()
  })

  test('an API read with an expired access cookie is 401 and sets no cookies', async () => {
    const { cookie } = await idleBrowser({ withExpiredAccess: true })
    const res = await getApp().json('/api/v1/me', { headers: { cookie } })
    expect(res.status).toBe(401)
    expect(res.headers.getSetCookie()).toEqual([])
  })

  test('the portal still renews the same stale cookies (silent refresh is portal-only)', async () => {
    const { cookie } = await idleBrowser({ withExpiredAccess: true })
    const res = await getApp().request('/account', { headers: { accept: 'text/html', cookie }, redirect: 'manual' })
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie().join('\n')).toMatch(/sa_access=[^;]+;/)
  })
})
