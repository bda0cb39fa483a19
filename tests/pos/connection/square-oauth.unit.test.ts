// Square token endpoint contract (pos-providers.md § Square): JSON body, credentials in the body,
// absolute `expires_at`, code-flow refresh echoes the same refresh token.
import { afterAll, describe, expect, test } from 'bun:test'
import { createPkce, pkceChallenge } from '../../../src/pos/connection/oauth-pkce-state'
import * as square from '../../../src/pos/square/oauth'
import { startTokenStub, unreachableFetch } from './token-endpoint-stub'

const NOW = new Date('2026-06-02T12:00:00Z')
const SECRET = 'sq0csp-app-secret'
const pkce = createPkce(new Uint8Array(32).fill(7))
let nextReply: { status: number; body: unknown } | null = null

const stub = startTokenStub(({ body }) => {
  if (nextReply) return nextReply
  if (body.grant_type === 'authorization_code') {
    const pkceOk = body.code_verifier !== undefined && pkceChallenge(String(body.code_verifier)) === pkce.challenge
    const secretOk = body.client_secret === SECRET
    if (body.code !== 'good-code' || !(pkceOk || secretOk)) return { status: 400, body: { error: 'invalid_grant' } }
    return {
      status: 200,
      body: {
        access_token: 'EAAA-access',
        token_type: 'bearer',
        expires_at: '2026-07-02T12:00:00Z',
        merchant_id: 'ML8M1AQ1GQG2K',
        refresh_token: 'rt-1',
      },
    }
  }
  if (body.refresh_token === 'rt-revoked') return { status: 400, body: { error: 'invalid_grant' } }
  return {
    status: 200,
    body: { access_token: 'EAAA-access-2', expires_at: '2026-07-03T12:00:00Z', refresh_token: body.refresh_token },
  }
})
afterAll(() => stub.stop())

const base = { fetch, baseUrl: stub.origin, clientId: 'sq0idp-app', now: NOW }

describe('square authorizeUrl', () => {
  test('sends the seller to Square with space-separated scopes, session=false and the state', () => {
    const url = new URL(
      square.authorizeUrl({
        baseUrl: 'https://connect.squareup.com',
        clientId: 'sq0idp-app',
        redirectUri: 'https://app.example/oauth/square/callback',
        state: 's'.repeat(43),
        scopes: ['PAYMENTS_READ', 'ORDERS_READ'],
      }),
    )
    expect(url.origin + url.pathname).toBe('https://connect.squareup.com/oauth2/authorize')
    expect(url.search).toContain('scope=PAYMENTS_READ+ORDERS_READ')
    expect(url.searchParams.get('session')).toBe('false')
    expect(url.searchParams.get('state')).toBe('s'.repeat(43))
    expect(url.searchParams.get('redirect_uri')).toBe('https://app.example/oauth/square/callback')
    expect(url.searchParams.has('code_challenge')).toBe(false)
  })

  test('adds the PKCE challenge when given', () => {
    const url = new URL(
      square.authorizeUrl({
        baseUrl: 'https://x.test',
        clientId: 'c',
        redirectUri: 'https://r',
        state: 's',
        scopes: [],
        codeChallenge: pkce.challenge,
      }),
    )
    expect(url.searchParams.get('code_challenge')).toBe(pkce.challenge)
  })

  test('origins: production, sandbox, and an override for tests', () => {
    expect(square.authorizeOrigin({})).toEqual({ ok: true, value: 'https://connect.squareup.com' })
    expect(square.tokenOrigin({ environment: 'sandbox' })).toEqual({
      ok: true,
      value: 'https://connect.squareupsandbox.com',
    })
    expect(square.tokenOrigin({ override: 'http://127.0.0.1:9999' })).toEqual({
      ok: true,
      value: 'http://127.0.0.1:9999',
    })
    expect(square.tokenOrigin({ override: 'not a url' }).ok).toBe(false)
  })
})

describe('square exchangeCode', () => {
  test('code flow posts JSON with the secret and returns the seller id and absolute expiry', async () => {
    const result = await square.exchangeCode({
      ...base,
      clientSecret: SECRET,
      code: 'good-code',
      redirectUri: 'https://r',
    })
    const seen = stub.requests.at(-1)!
    expect(seen.path).toBe('/oauth2/token')
    expect(seen.contentType).toBe('application/json')
    expect(seen.body).toEqual({
      client_id: 'sq0idp-app',
      client_secret: SECRET,
      code: 'good-code',
      redirect_uri: 'https://r',
      grant_type: 'authorization_code',
    })
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'EAAA-access',
        refreshToken: 'rt-1',
        expiresAt: new Date('2026-07-02T12:00:00Z'),
        externalMerchantId: 'ML8M1AQ1GQG2K',
      },
    })
  })

  test('PKCE sends the verifier instead of the secret', async () => {
    const result = await square.exchangeCode({
      ...base,
      clientSecret: SECRET,
      code: 'good-code',
      redirectUri: 'https://r',
      codeVerifier: pkce.verifier,
    })
    expect(stub.requests.at(-1)!.body.client_secret).toBeUndefined()
    expect(result.ok).toBe(true)
  })

  test('a used or forged code is reported as revoked, not retried', async () => {
    const result = await square.exchangeCode({
      ...base,
      clientSecret: SECRET,
      code: 'stolen',
      redirectUri: 'https://r',
    })
    expect(result).toMatchObject({ ok: false, error: { kind: 'revoked', status: 400, providerCode: 'invalid_grant' } })
  })
})

describe('square refresh', () => {
  test('code-flow refresh keeps the same multi-use refresh token', async () => {
    const result = await square.refresh({ ...base, clientSecret: SECRET, refreshToken: 'rt-1' })
    expect(stub.requests.at(-1)!.body).toEqual({
      client_id: 'sq0idp-app',
      client_secret: SECRET,
      refresh_token: 'rt-1',
      grant_type: 'refresh_token',
    })
    expect(result).toMatchObject({ ok: true, value: { accessToken: 'EAAA-access-2', refreshToken: 'rt-1' } })
  })

  test('a response without refresh_token keeps the stored one (Nango #298)', async () => {
    nextReply = { status: 200, body: { access_token: 'EAAA-3', expires_at: '2026-07-04T00:00:00Z' } }
    const result = await square.refresh({ ...base, clientSecret: SECRET, refreshToken: 'rt-1' })
    nextReply = null
    expect(result).toMatchObject({ ok: true, value: { refreshToken: 'rt-1' } })
  })

  test('PKCE grants refresh with the client id alone', async () => {
    await square.refresh({ ...base, refreshToken: 'rt-pkce' })
    expect(stub.requests.at(-1)!.body.client_secret).toBeUndefined()
  })

  test('invalid_grant → revoked', async () => {
    const result = await square.refresh({ ...base, clientSecret: SECRET, refreshToken: 'rt-revoked' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'revoked' } })
  })

  test.each([
    [503, 'retryable'],
    [429, 'retryable'],
    [401, 'invalid'],
  ] as const)('HTTP %i → %s', async (status, kind) => {
    nextReply = { status, body: { errors: [{ code: 'X', detail: `echo ${SECRET}` }] } }
    const result = await square.refresh({ ...base, clientSecret: SECRET, refreshToken: 'rt-1' })
    nextReply = null
    expect(result).toMatchObject({ ok: false, error: { kind, status } })
    expect(JSON.stringify(result)).not.toContain(SECRET)
  })

  test('a 200 without an access token is invalid, not a success with holes', async () => {
    nextReply = { status: 200, body: { errors: [] } }
    const result = await square.refresh({ ...base, clientSecret: SECRET, refreshToken: 'rt-1' })
    nextReply = null
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid', status: 200 } })
  })

  test('network failure → retryable with no status', async () => {
    const result = await square.refresh({
      ...base,
      fetch: unreachableFetch,
      clientSecret: SECRET,
      refreshToken: 'rt-1',
    })
    expect(result).toEqual({
      ok: false,
      error: { kind: 'retryable', status: null, providerCode: null, reason: 'token endpoint unreachable' },
    })
  })
})

test('a redirecting token endpoint does not get our secret forwarded', async () => {
  const elsewhere = startTokenStub(() => ({ status: 200, body: { access_token: 'phished' } }))
  const redirecting = startTokenStub(() => ({ status: 307, headers: { location: `${elsewhere.origin}/steal` } }))
  const result = await square.refresh({
    ...base,
    baseUrl: redirecting.origin,
    clientSecret: SECRET,
    refreshToken: 'rt-1',
  })
  expect(result).toMatchObject({ ok: false, error: { kind: 'invalid', status: 307 } })
  expect(elsewhere.requests).toHaveLength(0)
  elsewhere.stop()
  redirecting.stop()
})
