// The registry is what the connect route and the refresh job will call, so drive every provider
// through it alone: origin → consent URL → code exchange → refresh.
import { afterAll, describe, expect, test } from 'bun:test'
import { createOAuthState, createPkce } from '../../../src/pos/connection/oauth-pkce-state'
import { posAdapters, posProviders } from '../../../src/pos'
import { oauthProvider } from '../../../src/pos/connection/oauth-registry'
import { startTokenStub } from './token-endpoint-stub'

const NOW = new Date('2026-06-02T12:00:00Z')
// One body that satisfies every provider's documented success shape (unknown fields are ignored).
const stub = startTokenStub(({ body }) => ({
  status: 200,
  body: {
    access_token: 'at',
    refresh_token: `${String(body.refresh_token ?? 'rt')}-next`,
    expires_in: 3600,
    expires_at: '2026-06-02T13:00:00Z',
    access_token_expiration: 1780405200,
  },
}))
afterAll(() => stub.stop())

test('credential env names match api-v1.md', () => {
  const env = Object.fromEntries(
    posProviders.map((slug) => [slug, { ...oauthProvider(slug)?.env, baseUrl: posAdapters[slug].meta.env.apiBaseUrl }]),
  )
  expect(env).toEqual({
    square: {
      clientId: 'SQUARE_APPLICATION_ID',
      clientSecret: 'SQUARE_APPLICATION_SECRET',
      baseUrl: 'SQUARE_API_BASE_URL',
    },
    clover: { clientId: 'CLOVER_APP_ID', clientSecret: 'CLOVER_APP_SECRET', baseUrl: 'CLOVER_API_BASE_URL' },
    shopify: { clientId: 'SHOPIFY_API_KEY', clientSecret: 'SHOPIFY_API_SECRET', baseUrl: 'SHOPIFY_API_BASE_URL' },
    lightspeed: {
      clientId: 'LIGHTSPEED_CLIENT_ID',
      clientSecret: 'LIGHTSPEED_CLIENT_SECRET',
      baseUrl: 'LIGHTSPEED_API_BASE_URL',
    },
    toast: { clientId: 'TOAST_CLIENT_ID', clientSecret: 'TOAST_CLIENT_SECRET', baseUrl: 'TOAST_API_BASE_URL' },
  })
})

test('PKCE only where the provider docs support it; Toast has no consent page', () => {
  const flows = posProviders.map((slug) => {
    const p = oauthProvider(slug)
    return [slug, p?.flow, p?.flow === 'authorization_code' ? p.pkce : null]
  })
  expect(flows).toEqual([
    ['square', 'authorization_code', true],
    ['clover', 'authorization_code', true],
    ['shopify', 'authorization_code', false],
    ['lightspeed', 'authorization_code', false],
    ['toast', 'client_credentials', null],
  ])
  expect(oauthProvider('toast')?.tokenOwner).toBe('partner')
})

describe.each(['square', 'clover', 'shopify', 'lightspeed'] as const)('%s through the registry', (slug) => {
  const provider = oauthProvider(slug)
  if (provider?.flow !== 'authorization_code') throw new Error('unexpected flow')
  const ctx = { override: stub.origin, shop: 'demo.myshopify.com', domainPrefix: 'demo' }

  test('consent URL carries our client id and state, and the challenge only with PKCE', () => {
    const origin = provider.authorizeOrigin(ctx)
    if (!origin.ok) throw new Error(origin.error.reason)
    const state = createOAuthState(new Uint8Array(32).fill(3))
    const pkce = createPkce(new Uint8Array(32).fill(4))
    const url = new URL(
      provider.authorizeUrl({
        baseUrl: origin.value,
        clientId: 'cid',
        redirectUri: `https://app.example/oauth/${slug}/callback`,
        state,
        scopes: provider.scopes,
        codeChallenge: pkce.challenge,
      }),
    )
    expect(url.origin).toBe(stub.origin)
    expect(url.searchParams.get('client_id')).toBe('cid')
    expect(url.searchParams.get('state')).toBe(state)
    expect(url.searchParams.get('code_challenge')).toBe(provider.pkce ? pkce.challenge : null)
  })

  test('exchange then refresh yields a token set the job can store', async () => {
    const origin = provider.tokenOrigin(ctx)
    if (!origin.ok) throw new Error(origin.error.reason)
    const common = { fetch, baseUrl: origin.value, clientId: 'cid', clientSecret: 'secret', now: NOW }
    const exchanged = await provider.exchangeCode({ ...common, code: 'c', redirectUri: 'https://r' })
    if (!exchanged.ok) throw new Error(exchanged.error.reason)
    expect(exchanged.value.accessToken).toBe('at')
    expect(exchanged.value.expiresAt?.getTime()).toBeGreaterThan(NOW.getTime())
    const refreshed = await provider.refresh({ ...common, refreshToken: exchanged.value.refreshToken! })
    expect(refreshed).toMatchObject({ ok: true, value: { refreshToken: 'rt-next-next' } })
  })
})
