// Lightspeed X-Series contract (pos-providers.md § Retail X-Series): form-encoded body on the
// retailer's host, credentials in the body not the query, and (since 2025-03) issuing a new
// refresh token revokes the old one.
import { afterAll, describe, expect, test } from 'bun:test'
import * as lightspeed from '../../../src/pos/lightspeed/oauth'
import { startTokenStub } from './token-endpoint-stub'

const NOW = new Date('2026-06-02T12:00:00Z')
let current = 'rt-1'
let counter = 1
let omitExpiresIn = false

const stub = startTokenStub(({ body }) => {
  if (body.client_secret !== 'ls-secret') return { status: 401, body: { error: 'invalid_client' } }
  if (body.grant_type === 'refresh_token') {
    if (body.refresh_token !== current) return { status: 400, body: { error: 'invalid_grant' } }
    counter += 1
    current = `rt-${counter}`
  }
  const expiry = omitExpiresIn ? {} : { expires_in: 604800 }
  return {
    status: 200,
    body: {
      access_token: `at-${counter}`,
      token_type: 'Bearer',
      expires: 1780488000,
      ...expiry,
      refresh_token: current,
      domain_prefix: 'coolshop',
      scope: 'sales:read customers:read',
    },
  }
})
afterAll(() => stub.stop())

const base = { fetch, baseUrl: stub.origin, clientId: 'ls-client', clientSecret: 'ls-secret', now: NOW }

describe('lightspeed origins', () => {
  test('consent is global; tokens go to the retailer host from domain_prefix', () => {
    expect(lightspeed.authorizeOrigin({})).toEqual({ ok: true, value: 'https://secure.retail.lightspeed.app' })
    expect(lightspeed.tokenOrigin({ domainPrefix: 'CoolShop' })).toEqual({
      ok: true,
      value: 'https://coolshop.retail.lightspeed.app',
    })
  })

  test('a domain_prefix that would move our secret to another host is refused', () => {
    for (const domainPrefix of ['evil.com/', 'a.b', 'x@evil.com', '-bad', '', undefined]) {
      expect(lightspeed.tokenOrigin({ domainPrefix }).ok).toBe(false)
    }
  })
})

test('authorizeUrl uses /connect with response_type=code and space-delimited scopes', () => {
  const url = new URL(
    lightspeed.authorizeUrl({
      baseUrl: 'https://secure.retail.lightspeed.app',
      clientId: 'ls-client',
      redirectUri: 'https://r',
      state: 'st',
      scopes: ['sales:read', 'webhooks'],
    }),
  )
  expect(url.pathname).toBe('/connect')
  expect(url.searchParams.get('response_type')).toBe('code')
  expect(url.searchParams.get('scope')).toBe('sales:read webhooks')
  expect(url.searchParams.get('state')).toBe('st')
})

describe('lightspeed tokens', () => {
  test('exchange is form-encoded with everything in the body and expiry from expires_in', async () => {
    const result = await lightspeed.exchangeCode({ ...base, code: 'c', redirectUri: 'https://r' })
    const seen = stub.requests.at(-1)!
    expect(seen).toMatchObject({ path: '/api/1.0/token', search: '', contentType: 'application/x-www-form-urlencoded' })
    expect(seen.body).toEqual({
      code: 'c',
      client_id: 'ls-client',
      client_secret: 'ls-secret',
      grant_type: 'authorization_code',
      redirect_uri: 'https://r',
    })
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'at-1',
        refreshToken: 'rt-1',
        expiresAt: new Date(NOW.getTime() + 604800_000),
        scopes: ['sales:read', 'customers:read'],
      },
    })
  })

  test('falls back to the absolute `expires` when expires_in is missing', async () => {
    omitExpiresIn = true
    const result = await lightspeed.exchangeCode({ ...base, code: 'c', redirectUri: 'https://r' })
    omitExpiresIn = false
    expect(result).toMatchObject({ ok: true, value: { expiresAt: new Date(1780488000 * 1000) } })
  })

  test('refresh rotates; the previous token is dead afterwards (revoked)', async () => {
    const rotated = await lightspeed.refresh({ ...base, refreshToken: 'rt-1' })
    expect(stub.requests.at(-1)!.body).toEqual({
      refresh_token: 'rt-1',
      client_id: 'ls-client',
      client_secret: 'ls-secret',
      grant_type: 'refresh_token',
    })
    expect(rotated).toMatchObject({ ok: true, value: { refreshToken: 'rt-2' } })
    const stale = await lightspeed.refresh({ ...base, refreshToken: 'rt-1' })
    expect(stale).toMatchObject({ ok: false, error: { kind: 'revoked', status: 400 } })
  })
})
