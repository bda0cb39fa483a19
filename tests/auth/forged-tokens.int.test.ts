// Built-in access tokens: only ES256 with our kid, issuer and audience, unexpired. Everything
// else is 401, including the classic forgeries.
import { describe, expect, test } from 'bun:test'
import { SignJWT, generateKeyPair } from 'jose'
import { jwks } from '../../src/auth'
import { useTestApp } from '../helpers/app'
import { makeUser, signIn } from '../helpers/identities'

const getApp = useTestApp()
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
const me = (token: string) => getApp().json('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })

async function realClaims() {
  const u = await makeUser(getApp().deps, { email: `f-${crypto.randomUUID().slice(0, 8)}@x.test` })
  const pair = await signIn(getApp().deps, u.id)
  const payload = JSON.parse(Buffer.from(pair.access_token.split('.')[1]!, 'base64url').toString())
  return { pair, payload }
}

describe('forged access tokens are refused', () => {
  test('the genuine token works (control)', async () => {
    const { pair } = await realClaims()
    expect((await me(pair.access_token)).status).toBe(200)
  })

  test('alg:none', async () => {
    const { payload } = await realClaims()
    expect((await me(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`)).status).toBe(401)
  })

  test('HS256 signed with the public key', async () => {
    const { payload } = await realClaims()
    const pub = JSON.stringify(jwks(getApp().deps.keyring).keys[0])
    const kid = getApp().deps.keyring.signer.kid
    const t = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid }).sign(new TextEncoder().encode(pub))
    expect((await me(t)).status).toBe(401)
  })

  test('a stranger ES256 key claiming our kid', async () => {
    const { payload } = await realClaims()
    const { privateKey } = await generateKeyPair('ES256')
    const t = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: getApp().deps.keyring.signer.kid })
      .sign(privateKey)
    expect((await me(t)).status).toBe(401)
  })

  test('wrong issuer, wrong audience, expired (signed with our real key)', async () => {
    const { payload } = await realClaims()
    const key = getApp().deps.keyring.signer
    const sign = (p: Record<string, unknown>) =>
      new SignJWT(p).setProtectedHeader({ alg: 'ES256', kid: key.kid }).sign(key.privateKey)
    const now = Math.floor(Date.now() / 1000)
    expect((await me(await sign({ ...payload, iss: 'evil' }))).status).toBe(401)
    expect((await me(await sign({ ...payload, aud: 'other-api' }))).status).toBe(401)
    expect((await me(await sign({ ...payload, iat: now - 3600, exp: now - 60 }))).status).toBe(401)
    expect((await me(await sign({ ...payload }))).status).toBe(200) // control: same key, same claims
  })

  test('the public key set is published with kid and no private part', async () => {
    const r = await getApp().json<{ keys: Record<string, string>[] }>('/.well-known/jwks.json')
    expect(r.status).toBe(200)
    expect(r.body.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      kid: getApp().deps.keyring.signer.kid,
    })
    expect(r.body.keys[0]!.d).toBeUndefined()
  })
})
