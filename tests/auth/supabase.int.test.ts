// AUTH_PROVIDER=supabase: the same API, with codes sent and checked by Supabase Auth (a local
// fake following its REST API and signing with its own ES256 key). Roles and tenant still come
// from our database, and logout still revokes here.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { SignJWT, generateKeyPair } from 'jose'
import { type FakeSupabase, startFakeSupabase } from '../fakes/supabase'
import { useTestApp } from '../helpers/app'
import { addMembership, makeTenant } from '../helpers/identities'

let sb: FakeSupabase
const env: Record<string, string> = {
  AUTH_PROVIDER: 'supabase',
  TRUSTED_IP_HEADER: 'x-test-ip',
  ADMIN_EMAILS: 'root@platform.test',
}
beforeAll(async () => {
  sb = await startFakeSupabase()
  Object.assign(env, { SUPABASE_URL: sb.url, SUPABASE_ANON_KEY: sb.anonKey })
})
const getApp = useTestApp(env)
afterAll(() => sb.stop())

let ipSeq = 0
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  getApp().json<Record<string, string>>(path, {
    method: 'POST',
    body,
    headers: { 'x-test-ip': `10.3.0.${++ipSeq}`, ...headers },
  })
const me = (token: string) =>
  getApp().json<{
    user_id: string
    email: string
    roles: { role: string; tenant_id?: string }[]
    active_tenant_id?: string
  }>('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })

async function signIn(destination: string) {
  expect((await post('/api/v1/auth/otp', { destination })).status).toBe(202)
  const code = sb.lastCode(destination)
  expect(code).toMatch(/^\d{6}$/)
  const v = await post('/api/v1/auth/verify', { destination, code })
  expect(v.status).toBe(200)
  return v.body
}

describe('sign-in through Supabase Auth', () => {
  test('code from Supabase → its tokens work on our API; roles come from our memberships', async () => {
    const t = await makeTenant(getApp().deps, { name: 'Supa Shop' })
    const pair = await signIn('owner@supa.test')
    const m1 = await me(pair.access_token!)
    expect(m1.status).toBe(200)
    expect(m1.body.email).toBe('owner@supa.test')
    await addMembership(getApp().deps, m1.body.user_id, t.id, 'merchant_owner')
    const m2 = await me(pair.access_token!)
    expect(m2.body.roles).toContainEqual(expect.objectContaining({ role: 'merchant_owner', tenant_id: t.id }))
    // Switching tenant keeps the contract: a new pair, and the active tenant is ours to track.
    const sw = await post(
      '/api/v1/me/active-tenant',
      { tenant_id: t.id, refresh_token: pair.refresh_token },
      { authorization: `Bearer ${pair.access_token}` },
    )
    expect(sw.status).toBe(200)
    expect((await me(sw.body.access_token!)).body.active_tenant_id).toBe(t.id)
  })

  test('a wrong code is 401 (Supabase said 403) and never becomes a session', async () => {
    await post('/api/v1/auth/otp', { destination: 'wrong@supa.test' })
    const code = sb.lastCode('wrong@supa.test')!
    const r = await post('/api/v1/auth/verify', {
      destination: 'wrong@supa.test',
      code: code === '123456' ? '654321' : '123456',
    })
    expect(r.status).toBe(401)
  })

  test('refresh goes through Supabase; a reused refresh token is refused', async () => {
    const pair = await signIn('+15550100900')
    const next = await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token })
    expect(next.status).toBe(200)
    expect((await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token })).status).toBe(401)
  })

  test('logout revokes at app level: the still-unexpired Supabase access token is refused at once', async () => {
    const pair = await signIn('bye@supa.test')
    expect((await me(pair.access_token!)).status).toBe(200)
    const out = await getApp().request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${pair.access_token}` },
    })
    expect(out.status).toBe(204)
    expect((await me(pair.access_token!)).status).toBe(401)
  })

  test('tampered, foreign-key and expired tokens are refused; a fresh one signed by the JWKS key is accepted', async () => {
    const pair = await signIn('forge@supa.test')
    const [h, body, s] = pair.access_token!.split('.')
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString())
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: crypto.randomUUID() })).toString('base64url')}.${s}`
    expect((await me(tampered)).status).toBe(401)
    // Right claims and kid, but a stranger's key.
    const { privateKey } = await generateKeyPair('ES256')
    const stranger = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: JSON.parse(Buffer.from(h!, 'base64url').toString()).kid })
      .sign(privateKey)
    expect((await me(stranger)).status).toBe(401)
    // Supabase's own key, but expired.
    expect(
      (await me(await sb.sign({ sub: payload.sub, session_id: payload.session_id }, { expiresInS: -60 }))).status,
    ).toBe(401)
    expect((await me(await sb.sign({ sub: payload.sub, session_id: payload.session_id }))).status).toBe(200)
  })
})
