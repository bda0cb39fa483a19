// Clover v2/OAuth contract (pos-providers.md § Clover): JSON bodies, /token with the secret,
// /refresh without it, single-use refresh tokens, expirations as Unix seconds.
import { afterAll, describe, expect, test } from 'bun:test'
import * as clover from '../../../src/pos/clover/oauth'
import { startTokenStub } from './token-endpoint-stub'

const NOW = new Date('2026-06-02T12:00:00Z')
const ACCESS_EXP = 1780488000 // 2026-06-03T12:00:00Z
const REFRESH_EXP = 1812024000
let generation = 1
const live = new Set(['rt-1'])

const stub = startTokenStub(({ path, body }) => {
  if (path === '/oauth/v2/token') {
    if (body.code !== 'good-code') return { status: 400, body: { error: 'invalid_grant' } }
    return {
      status: 200,
      body: {
        access_token: 'at-1',
        access_token_expiration: ACCESS_EXP,
        refresh_token: 'rt-1',
        refresh_token_expiration: REFRESH_EXP,
      },
    }
  }
  // Single-use: a refresh token works once, then it is dead.
  const presented = String(body.refresh_token)
  if (!live.delete(presented)) return { status: 401, body: { error: 'invalid_grant' } }
  generation += 1
  live.add(`rt-${generation}`)
  return {
    status: 200,
    body: {
      access_token: `at-${generation}`,
      access_token_expiration: ACCESS_EXP,
      refresh_token: `rt-${generation}`,
      refresh_token_expiration: REFRESH_EXP,
    },
  }
})
afterAll(() => stub.stop())

const base = { fetch, baseUrl: stub.origin, clientId: 'APPID', now: NOW }

describe('clover authorize', () => {
  test('uses the regional www host and sends no scope parameter', () => {
    const origin = clover.authorizeOrigin({ region: 'eu' })
    expect(origin).toEqual({ ok: true, value: 'https://www.eu.clover.com' })
    const url = new URL(
      clover.authorizeUrl({
        baseUrl: 'https://www.eu.clover.com',
        clientId: 'APPID',
        redirectUri: 'https://r',
        state: 'st',
        scopes: ['ignored'],
      }),
    )
    expect(url.pathname).toBe('/oauth/v2/authorize')
    expect(url.searchParams.get('client_id')).toBe('APPID')
    expect(url.searchParams.has('scope')).toBe(false)
  })

  test('token calls go to the api host, sandbox to apisandbox', () => {
    expect(clover.tokenOrigin({})).toEqual({ ok: true, value: 'https://api.clover.com' })
    expect(clover.tokenOrigin({ environment: 'sandbox' })).toEqual({
      ok: true,
      value: 'https://apisandbox.dev.clover.com',
    })
    expect(clover.authorizeOrigin({ environment: 'sandbox' })).toEqual({
      ok: true,
      value: 'https://sandbox.dev.clover.com',
    })
  })
})

describe('clover tokens', () => {
  test('exchange posts {client_id, client_secret, code} and reads Unix-second expirations', async () => {
    const result = await clover.exchangeCode({
      ...base,
      clientSecret: 'app-secret',
      code: 'good-code',
      redirectUri: 'https://r',
    })
    expect(stub.requests.at(-1)).toMatchObject({ path: '/oauth/v2/token', contentType: 'application/json' })
    expect(stub.requests.at(-1)!.body).toEqual({ client_id: 'APPID', client_secret: 'app-secret', code: 'good-code' })
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'at-1',
        refreshToken: 'rt-1',
        expiresAt: new Date('2026-06-03T12:00:00Z'),
        refreshTokenExpiresAt: new Date(REFRESH_EXP * 1000),
      },
    })
  })

  test('PKCE exchange sends code_verifier and no secret', async () => {
    await clover.exchangeCode({ ...base, code: 'good-code', redirectUri: 'https://r', codeVerifier: 'v'.repeat(43) })
    expect(stub.requests.at(-1)!.body).toEqual({ client_id: 'APPID', code: 'good-code', code_verifier: 'v'.repeat(43) })
  })

  test('refresh posts only {client_id, refresh_token} to /oauth/v2/refresh and rotates', async () => {
    const first = await clover.refresh({ ...base, clientSecret: 'must-not-be-sent', refreshToken: 'rt-1' })
    expect(stub.requests.at(-1)).toMatchObject({
      path: '/oauth/v2/refresh',
      body: { client_id: 'APPID', refresh_token: 'rt-1' },
    })
    expect(stub.requests.at(-1)!.body.client_secret).toBeUndefined()
    expect(first).toMatchObject({ ok: true, value: { refreshToken: 'rt-2' } })
  })

  test('presenting a used refresh token again is revoked: why refreshes must be single-flight', async () => {
    const replay = await clover.refresh({ ...base, refreshToken: 'rt-1' })
    expect(replay).toMatchObject({ ok: false, error: { kind: 'revoked', providerCode: 'invalid_grant' } })
  })

  test('a missing secret on the code flow is a deployment bug and throws', () => {
    expect(() => clover.exchangeCode({ ...base, code: 'good-code', redirectUri: 'https://r' })).toThrow('client secret')
  })
})
