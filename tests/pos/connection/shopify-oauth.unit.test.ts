// Shopify expiring offline tokens (pos-providers.md § Shopify): JSON to the shop's own host,
// `expiring: "1"`, relative `expires_in`, comma-separated scopes, rotating refresh tokens.
import { afterAll, describe, expect, test } from 'bun:test'
import { createHmac } from 'node:crypto'
import * as shopify from '../../../src/pos/shopify/oauth'
import { startTokenStub } from './token-endpoint-stub'

const NOW = new Date('2026-06-02T12:00:00Z')
const SECRET = 'shpss_secret'

const stub = startTokenStub(({ body }) => {
  if (body.client_secret !== SECRET) return { status: 401, body: { error: 'invalid_client' } }
  if (body.grant_type === 'refresh_token' && body.refresh_token !== 'rt-1')
    return { status: 400, body: { error: 'invalid_grant' } }
  return {
    status: 200,
    body: {
      access_token: 'shpat_1',
      scope: 'read_orders,read_customers',
      expires_in: 3600,
      refresh_token: 'rt-next',
      refresh_token_expires_in: 7776000,
    },
  }
})
afterAll(() => stub.stop())

const base = { fetch, baseUrl: stub.origin, clientId: 'api-key', now: NOW }

describe('shopify shop domain', () => {
  test('only name.myshopify.com shops become a host we send the client secret to', () => {
    expect(shopify.tokenOrigin({ shop: 'Cool-Shop.myshopify.com' })).toEqual({
      ok: true,
      value: 'https://cool-shop.myshopify.com',
    })
    for (const shop of [
      'evil.com',
      'shop.myshopify.com.evil.com',
      'evil.com/.myshopify.com',
      'a@evil.com#.myshopify.com',
      '',
      undefined,
    ]) {
      expect(shopify.authorizeOrigin({ shop }).ok).toBe(false)
    }
  })

  test('the shop is validated even when an override points at a fake', () => {
    expect(shopify.tokenOrigin({ shop: 'evil.com', override: stub.origin }).ok).toBe(false)
    expect(shopify.tokenOrigin({ shop: 'x.myshopify.com', override: stub.origin })).toEqual({
      ok: true,
      value: stub.origin,
    })
  })
})

test('authorizeUrl asks for an offline token with comma-separated scopes', () => {
  const url = new URL(
    shopify.authorizeUrl({
      baseUrl: 'https://x.myshopify.com',
      clientId: 'api-key',
      redirectUri: 'https://r',
      state: 'st',
      scopes: ['read_orders', 'read_customers'],
    }),
  )
  expect(url.origin + url.pathname).toBe('https://x.myshopify.com/admin/oauth/authorize')
  expect(url.searchParams.get('scope')).toBe('read_orders,read_customers')
  expect(url.searchParams.get('state')).toBe('st')
  expect(url.searchParams.has('grant_options[]')).toBe(false)
})

describe('shopify tokens', () => {
  test('exchange asks for an expiring token and turns expires_in into a date', async () => {
    const result = await shopify.exchangeCode({ ...base, clientSecret: SECRET, code: 'c', redirectUri: 'https://r' })
    expect(stub.requests.at(-1)).toMatchObject({ path: '/admin/oauth/access_token', contentType: 'application/json' })
    expect(stub.requests.at(-1)!.body).toEqual({
      client_id: 'api-key',
      client_secret: SECRET,
      code: 'c',
      expiring: '1',
    })
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'shpat_1',
        refreshToken: 'rt-next',
        expiresAt: new Date('2026-06-02T13:00:00Z'),
        refreshTokenExpiresAt: new Date(NOW.getTime() + 90 * 24 * 3600 * 1000),
        scopes: ['read_orders', 'read_customers'],
      },
    })
  })

  test('refresh sends grant_type=refresh_token and returns the rotated token', async () => {
    const result = await shopify.refresh({ ...base, clientSecret: SECRET, refreshToken: 'rt-1' })
    expect(stub.requests.at(-1)!.body).toEqual({
      client_id: 'api-key',
      client_secret: SECRET,
      refresh_token: 'rt-1',
      grant_type: 'refresh_token',
    })
    expect(result).toMatchObject({ ok: true, value: { refreshToken: 'rt-next' } })
  })

  test('a wrong app secret is an operator problem (invalid), not a merchant revocation', async () => {
    const result = await shopify.refresh({ ...base, clientSecret: 'wrong', refreshToken: 'rt-1' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid', status: 401, providerCode: 'invalid_client' } })
  })
})

describe('shopify callback hmac', () => {
  const ts = Math.floor(NOW.getTime() / 1000)
  // Built independently of the code under test: sorted `key=value` pairs joined by `&`.
  const sign = (params: Record<string, string>) => {
    const message = Object.keys(params)
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&')
    return createHmac('sha256', SECRET).update(message).digest('hex')
  }
  const params = { code: 'abc', host: 'YWRtaW4', shop: 'x.myshopify.com', state: 'st', timestamp: String(ts) }
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...params, ...extra })

  test('accepts a genuine callback', () => {
    expect(shopify.verifyCallbackHmac(query({ hmac: sign(params) }), SECRET, NOW)).toBe(true)
  })

  test('rejects a callback whose shop was swapped', () => {
    const q = query({ hmac: sign(params) })
    q.set('shop', 'attacker.myshopify.com')
    expect(shopify.verifyCallbackHmac(q, SECRET, NOW)).toBe(false)
  })

  test('rejects a replay older than 90 s, a missing hmac and the wrong secret', () => {
    expect(shopify.verifyCallbackHmac(query({ hmac: sign(params) }), SECRET, new Date(NOW.getTime() + 91_000))).toBe(
      false,
    )
    expect(shopify.verifyCallbackHmac(query({}), SECRET, NOW)).toBe(false)
    expect(shopify.verifyCallbackHmac(query({ hmac: sign(params) }), 'other', NOW)).toBe(false)
  })
})
