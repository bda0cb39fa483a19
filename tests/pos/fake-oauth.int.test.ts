// The fakes' OAuth/token endpoints behave as pos-providers.md documents, so the connection
// engineer's refresh logic can be tested against them.
import { afterAll, describe, expect, test } from 'bun:test'
import { startCloverFake, startLightspeedFake, startShopifyFake, startSquareFake, startToastFake } from '../fakes'
import { signShopifyQuery } from '../fakes'

const stops: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const stop of stops) await stop()
})

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
const postForm = (url: string, body: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  })
const callbackParams = async (res: Response) => {
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location') ?? '').searchParams
}

describe('square fake OAuth', () => {
  test('code flow: consent → code → tokens; the refresh token is multi-use; revoke ends it', async () => {
    const fake = startSquareFake()
    stops.push(fake.stop)
    const consent = await fetch(
      `${fake.url}/oauth2/authorize?client_id=${fake.clientId}&state=s1&redirect_uri=https://app.example/cb`,
      { redirect: 'manual' },
    )
    const params = await callbackParams(consent)
    expect(params.get('state')).toBe('s1')
    const creds = { client_id: fake.clientId, client_secret: fake.clientSecret }
    const first = await (
      await postJson(`${fake.url}/oauth2/token`, {
        ...creds,
        grant_type: 'authorization_code',
        code: params.get('code'),
      })
    ).json()
    expect(first).toMatchObject({ token_type: 'bearer', merchant_id: fake.merchantId })
    const refreshed = await (
      await postJson(`${fake.url}/oauth2/token`, {
        ...creds,
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
      })
    ).json()
    expect(refreshed.refresh_token).toBe(first.refresh_token)
    expect(refreshed.access_token).not.toBe(first.access_token)
    const customer = await fetch(`${fake.url}/v2/customers/nope`, {
      headers: { authorization: `Bearer ${refreshed.access_token}` },
    })
    expect(customer.status).toBe(404)

    const revoke = await postJson(
      `${fake.url}/oauth2/revoke`,
      { client_id: fake.clientId, merchant_id: fake.merchantId },
      { authorization: `Client ${fake.clientSecret}` },
    )
    expect(revoke.status).toBe(200)
    const after = await postJson(`${fake.url}/oauth2/token`, {
      ...creds,
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    })
    expect(after.status).toBe(401)
    expect(await after.json()).toMatchObject({ error: 'invalid_grant' })
    expect(fake.oauth.calls).toMatchObject({ code: 1, refresh: 2 })
  })

  test('PKCE: refresh tokens rotate, and reusing a retired one revokes the family', async () => {
    const fake = startSquareFake({ pkce: true })
    stops.push(fake.stop)
    const code = fake.oauth.issueCode(fake.merchantId)
    const first = await (
      await postJson(`${fake.url}/oauth2/token`, {
        client_id: fake.clientId,
        code_verifier: 'v',
        grant_type: 'authorization_code',
        code,
      })
    ).json()
    const rotate = (rt: string) =>
      postJson(`${fake.url}/oauth2/token`, { client_id: fake.clientId, grant_type: 'refresh_token', refresh_token: rt })
    const second = await (await rotate(first.refresh_token)).json()
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect((await rotate(first.refresh_token)).status).toBe(401)
    expect((await rotate(second.refresh_token)).status).toBe(401)
  })
})

describe('clover fake OAuth', () => {
  test('v2 token and refresh: Unix expirations, single-use refresh tokens, expiring access', async () => {
    let now = Date.UTC(2026, 5, 2)
    const fake = startCloverFake({ now: () => now, accessTtlSeconds: 1800 })
    stops.push(fake.stop)
    const params = await callbackParams(
      await fetch(`${fake.url}/oauth/v2/authorize?client_id=${fake.appId}&redirect_uri=https://app.example/cb`, {
        redirect: 'manual',
      }),
    )
    expect(params.get('merchant_id')).toBe(fake.merchantId)
    const tokens = await (
      await postJson(`${fake.url}/oauth/v2/token`, {
        client_id: fake.appId,
        client_secret: fake.clientSecret,
        code: params.get('code'),
      })
    ).json()
    expect(tokens.access_token_expiration).toBe(now / 1000 + 1800)
    const refresh = (rt: string) =>
      postJson(`${fake.url}/oauth/v2/refresh`, { client_id: fake.appId, refresh_token: rt })
    const next = await (await refresh(tokens.refresh_token)).json()
    expect(next.refresh_token).not.toBe(tokens.refresh_token)
    expect((await refresh(tokens.refresh_token)).status).toBe(401)

    now += 1801 * 1000
    const order = await fetch(`${fake.url}/v3/merchants/${fake.merchantId}/orders/X`, {
      headers: { authorization: `Bearer ${next.access_token}` },
    })
    expect(order.status).toBe(401)
  })
})

describe('shopify fake OAuth', () => {
  test('signed callback, expiring offline tokens, rotation with a grace period until the new token is used', async () => {
    const fake = startShopifyFake()
    stops.push(fake.stop)
    const params = await callbackParams(
      await fetch(
        `${fake.url}/admin/oauth/authorize?client_id=${fake.apiKey}&state=s&redirect_uri=https://app.example/cb`,
        { redirect: 'manual' },
      ),
    )
    const { hmac, ...rest } = Object.fromEntries(params)
    expect(hmac).toBe(signShopifyQuery(rest, fake.apiSecret))
    const creds = { client_id: fake.apiKey, client_secret: fake.apiSecret }
    const first = await (
      await postJson(`${fake.url}/admin/oauth/access_token`, { ...creds, code: params.get('code'), expiring: '1' })
    ).json()
    expect(first).toMatchObject({ expires_in: 3600, refresh_token_expires_in: 7776000 })
    const refresh = (rt: string) =>
      postJson(`${fake.url}/admin/oauth/access_token`, { ...creds, grant_type: 'refresh_token', refresh_token: rt })
    const second = await (await refresh(first.refresh_token)).json()
    // The new pair is unused: the previous refresh token still works (a lost response is recoverable).
    const retry = await refresh(first.refresh_token)
    expect(retry.status).toBe(200)
    const third = await retry.json()
    const shop = await fetch(`${fake.url}/admin/api/2026-07/shop.json`, {
      headers: { 'x-shopify-access-token': third.access_token },
    })
    expect(shop.status).toBe(200)
    expect((await refresh(first.refresh_token)).status).toBe(400)
    expect(second.refresh_token).not.toBe(first.refresh_token)
  })
})

describe('lightspeed fake OAuth', () => {
  test('form-encoded body only; rotating refresh tokens revoke the old one', async () => {
    const fake = startLightspeedFake()
    stops.push(fake.stop)
    const params = await callbackParams(
      await fetch(
        `${fake.url}/connect?response_type=code&client_id=${fake.clientId}&redirect_uri=https://app.example/cb&state=s`,
        { redirect: 'manual' },
      ),
    )
    expect(params.get('domain_prefix')).toBe(fake.domainPrefix)
    const creds = { client_id: fake.clientId, client_secret: fake.clientSecret }
    expect((await fetch(`${fake.url}/api/1.0/token?code=x`, { method: 'POST' })).status).toBe(400)
    const first = await (
      await postForm(`${fake.url}/api/1.0/token`, {
        ...creds,
        grant_type: 'authorization_code',
        code: params.get('code') ?? '',
        redirect_uri: 'https://app.example/cb',
      })
    ).json()
    expect(first).toMatchObject({ token_type: 'Bearer', expires_in: 86400, domain_prefix: fake.domainPrefix })
    const refresh = (rt: string) =>
      postForm(`${fake.url}/api/1.0/token`, { ...creds, grant_type: 'refresh_token', refresh_token: rt })
    expect((await refresh(first.refresh_token)).status).toBe(200)
    const reused = await refresh(first.refresh_token)
    expect(reused.status).toBe(400)
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' })
  })
})

describe('toast fake authentication', () => {
  test('client-credentials login returns an expiring token and no refresh token', async () => {
    const fake = startToastFake()
    stops.push(fake.stop)
    const login = (clientSecret: string) =>
      postJson(`${fake.url}/authentication/v1/authentication/login`, {
        clientId: fake.clientId,
        clientSecret,
        userAccessType: 'TOAST_MACHINE_CLIENT',
      })
    const ok = await (await login(fake.clientSecret)).json()
    expect(ok).toMatchObject({
      status: 'SUCCESS',
      token: { tokenType: 'Bearer', expiresIn: 86400, refreshToken: null },
    })
    expect((await login('wrong')).status).toBe(401)
    expect(fake.oauth.calls.clientCredentials).toBe(1)
  })
})
