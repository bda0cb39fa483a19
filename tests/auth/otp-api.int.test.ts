// The built-in sign-in flow through the JSON API, with every negative case the issue names.
import { describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { otpChallenges, sessions, users } from '../../src/auth/auth.schema'
import { listOutbox } from '../../src/notify'
import { useTestApp } from '../helpers/app'

const getApp = useTestApp({ ADMIN_EMAILS: 'root@platform.test', TRUSTED_IP_HEADER: 'x-test-ip' })
let ipSeq = 0
/** A fresh client IP per test, so per-IP sign-in limits from one test never affect another. */
const ip = () => ({ 'x-test-ip': `10.1.0.${++ipSeq}` })

async function lastCode(to: string): Promise<string> {
  const msgs = await listOutbox(getApp().deps.dbh.db)
  const m = msgs.find((x) => x.to === to)
  const code = m?.body.match(/\b(\d{6})\b/)?.[1]
  if (!code) throw new Error('no code in the outbox')
  return code
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  getApp().json<Record<string, unknown>>(path, { method: 'POST', body, headers: { ...ip(), ...headers } })

async function signInWithCode(destination: string) {
  expect((await post('/api/v1/auth/otp', { destination })).status).toBe(202)
  const r = await post('/api/v1/auth/verify', { destination, code: await lastCode(destination.trim().toLowerCase()) })
  expect(r.status).toBe(200)
  return r.body as { access_token: string; refresh_token: string; token_type: string; expires_in: number }
}

describe('OTP sign-in (built-in)', () => {
  test('request → code in the outbox → verify → /me; the code is stored only as a hash', async () => {
    const r = await post('/api/v1/auth/otp', { destination: '  Ana@Example.COM ' })
    expect(r.status).toBe(202)
    const code = await lastCode('ana@example.com')
    const rows = await getApp().deps.dbh.db.select().from(otpChallenges)
    expect(JSON.stringify(rows)).not.toContain(code)
    expect(JSON.stringify(rows)).not.toContain('ana@example.com')
    const v = await post('/api/v1/auth/verify', { destination: 'ana@example.com', code })
    expect(v.status).toBe(200)
    expect(v.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 })
    const me = await getApp().json<{ email: string; roles: { role: string }[] }>('/api/v1/me', {
      headers: { authorization: `Bearer ${v.body.access_token}` },
    })
    expect(me.status).toBe(200)
    expect(me.body.email).toBe('ana@example.com')
    expect(me.body.roles).toContainEqual({ role: 'consumer' })
  })

  test('phones are normalised to E.164: a code asked for in one spelling verifies in another', async () => {
    expect((await post('/api/v1/auth/otp', { destination: '+1 (555) 010-0777' })).status).toBe(202)
    const v = await post('/api/v1/auth/verify', { destination: '+15550100777', code: await lastCode('+15550100777') })
    expect(v.status).toBe(200)
    const [u] = await getApp().deps.dbh.db.select().from(users).where(eq(users.phone, '+15550100777'))
    expect(u?.phoneVerifiedAt).toBeInstanceOf(Date)
    expect((await post('/api/v1/auth/otp', { destination: '5550100777' })).status).toBe(400) // no country code: ambiguous
  })

  test('POST /otp answers 202 whether or not the account exists, and the error for garbage never echoes it', async () => {
    expect((await post('/api/v1/auth/otp', { destination: 'nobody-here@example.com' })).status).toBe(202)
    const bad = await post('/api/v1/auth/otp', { destination: 'not<b>an address' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).not.toContain('not<b>an address')
  })

  test('a wrong code is 401', async () => {
    await post('/api/v1/auth/otp', { destination: 'wrong@example.com' })
    const code = await lastCode('wrong@example.com')
    const wrong = code === '000000' ? '000001' : '000000'
    const r = await post('/api/v1/auth/verify', { destination: 'wrong@example.com', code: wrong })
    expect(r.status).toBe(401)
    expect((r.body as { error: { code: string } }).error.code).toBe('unauthorized')
  })

  test('an expired code is 401', async () => {
    const t = getApp()
    await post('/api/v1/auth/otp', { destination: 'late@example.com' })
    const code = await lastCode('late@example.com')
    const real = t.deps.clock
    t.deps.clock = () => new Date(real().getTime() + 10 * 60_000 + 1_000)
    try {
      expect((await post('/api/v1/auth/verify', { destination: 'late@example.com', code })).status).toBe(401)
    } finally {
      t.deps.clock = real
    }
  })

  test('a code works once: reusing it is 401', async () => {
    await post('/api/v1/auth/otp', { destination: 'once@example.com' })
    const code = await lastCode('once@example.com')
    expect((await post('/api/v1/auth/verify', { destination: 'once@example.com', code })).status).toBe(200)
    expect((await post('/api/v1/auth/verify', { destination: 'once@example.com', code })).status).toBe(401)
  })

  test('after 5 wrong tries the challenge is locked: even the right code gets 429', async () => {
    await post('/api/v1/auth/otp', { destination: 'guess@example.com' })
    const code = await lastCode('guess@example.com')
    const wrong = code === '999999' ? '999998' : '999999'
    for (let i = 0; i < 5; i++)
      expect((await post('/api/v1/auth/verify', { destination: 'guess@example.com', code: wrong })).status).toBe(401)
    const r = await post('/api/v1/auth/verify', { destination: 'guess@example.com', code })
    expect(r.status).toBe(429)
    expect(r.headers.get('retry-after')).toBeTruthy()
  })

  test('refresh rotates; presenting the rotated token again revokes the whole session', async () => {
    const first = await signInWithCode('rotate@example.com')
    const second = await post('/api/v1/auth/refresh', { refresh_token: first.refresh_token })
    expect(second.status).toBe(200)
    expect(second.body.refresh_token).not.toBe(first.refresh_token)
    const reuse = await post('/api/v1/auth/refresh', { refresh_token: first.refresh_token })
    expect(reuse.status).toBe(401)
    // The thief's reuse ended the session: the legitimate newer tokens die with it.
    expect((await post('/api/v1/auth/refresh', { refresh_token: second.body.refresh_token as string })).status).toBe(
      401,
    )
    const me = await getApp().json('/api/v1/me', { headers: { authorization: `Bearer ${second.body.access_token}` } })
    expect(me.status).toBe(401)
    const [s] = await getApp()
      .deps.dbh.db.select()
      .from(sessions)
      .where(eq(sessions.revokedReason, 'refresh_token_reuse'))
    expect(s).toBeDefined()
  })

  test('after logout the access token is refused at once, long before it expires', async () => {
    const pair = await signInWithCode('bye@example.com')
    const auth = { authorization: `Bearer ${pair.access_token}` }
    expect((await getApp().json('/api/v1/me', { headers: auth })).status).toBe(200)
    expect((await getApp().request('/api/v1/auth/logout', { method: 'POST', headers: auth })).status).toBe(204)
    expect((await getApp().json('/api/v1/me', { headers: auth })).status).toBe(401)
    expect((await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token })).status).toBe(401)
  })
})
