import { createHmac } from 'node:crypto'
import { OAuthStore } from './shared/oauth-store'
import { type FakeServer, json, postWebhook, readParams, redirectTo, startFakeServer } from './shared/server'

// Shopify as documented in pos-providers.md: webhooks signed base64(HMAC-SHA256(client secret,
// raw body)) with routing facts in X-Shopify-* headers (un-prefixed for "events" deliveries);
// OAuth at /admin/oauth/access_token with expiring offline tokens (access 3600 s, refresh
// 90 days, rotating; the previous refresh token stays valid until the new pair is used);
// the consent callback is signed with a hex HMAC of the sorted query parameters.

export type ShopifyFakeOptions = {
  apiKey?: string
  apiSecret?: string
  shop?: string
  accessToken?: string
  apiVersion?: string
  now?: () => number
}

export type ShopifyWebhookOptions = {
  topic?: string
  eventId?: string
  webhookId?: string
  apiSecret?: string
  /** Newer "events" deliveries: un-prefixed lowercase header names. */
  eventsStyle?: boolean
}

export type ShopifyFake = FakeServer & {
  apiKey: string
  apiSecret: string
  shop: string
  accessToken: string
  oauth: OAuthStore
  sendWebhook(url: string, payload: unknown, opts?: ShopifyWebhookOptions): Promise<Response>
}

export function signShopifyWebhook(body: string, apiSecret: string): string {
  return createHmac('sha256', apiSecret).update(body, 'utf8').digest('base64')
}

export function shopifyWebhookHeaders(
  body: string,
  shop: string,
  opts: ShopifyWebhookOptions & { apiSecret: string; apiVersion?: string },
): Record<string, string> {
  const prefix = opts.eventsStyle ? 'shopify-' : 'x-shopify-'
  return {
    'content-type': 'application/json',
    [`${prefix}hmac-sha256`]: signShopifyWebhook(body, opts.apiSecret),
    [`${prefix}topic`]: opts.topic ?? 'orders/paid',
    [`${prefix}shop-domain`]: shop,
    [`${prefix}api-version`]: opts.apiVersion ?? '2026-07',
    [`${prefix}webhook-id`]: opts.webhookId ?? crypto.randomUUID(),
    [`${prefix}event-id`]: opts.eventId ?? crypto.randomUUID(),
    [`${prefix}triggered-at`]: new Date().toISOString(),
  }
}

/** The `hmac` Shopify adds to the OAuth callback: hex HMAC-SHA256 of the other params, sorted. */
export function signShopifyQuery(params: Record<string, string>, apiSecret: string): string {
  const message = Object.keys(params)
    .filter((k) => k !== 'hmac' && k !== 'signature')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&')
  return createHmac('sha256', apiSecret).update(message).digest('hex')
}

export function startShopifyFake(opts: ShopifyFakeOptions = {}): ShopifyFake {
  const cfg = {
    apiKey: opts.apiKey ?? 'shopify-api-key',
    apiSecret: opts.apiSecret ?? 'shopify-api-secret',
    shop: opts.shop ?? 'fake-shop.myshopify.com',
    accessToken: opts.accessToken ?? 'shpat_test_token',
  }
  const apiVersion = opts.apiVersion ?? '2026-07'
  const oauth = new OAuthStore({
    accessTtlSeconds: 3600,
    refreshTtlSeconds: 90 * 24 * 3600,
    rotateRefreshTokens: true,
    graceUntilNewTokenUsed: true,
    ...(opts.now && { now: opts.now }),
  })
  oauth.seedAccessToken(cfg.accessToken, cfg.shop)
  const invalid = (error: string, status = 400) => json({ error, error_description: 'The request is invalid.' }, status)

  const server = startFakeServer([
    {
      method: 'GET',
      path: '/admin/oauth/authorize',
      handle: ({ url }) => {
        const redirect = url.searchParams.get('redirect_uri')
        if (url.searchParams.get('client_id') !== cfg.apiKey || !redirect) return invalid('invalid_request')
        const params: Record<string, string> = {
          code: oauth.issueCode(cfg.shop),
          shop: cfg.shop,
          state: url.searchParams.get('state') ?? '',
          timestamp: String(Math.floor(Date.now() / 1000)),
        }
        return redirectTo(redirect, { ...params, hmac: signShopifyQuery(params, cfg.apiSecret) })
      },
    },
    {
      method: 'POST',
      path: '/admin/oauth/access_token',
      handle: async ({ request }) => {
        const p = await readParams(request)
        if (p.client_id !== cfg.apiKey || p.client_secret !== cfg.apiSecret) return invalid('invalid_client', 401)
        if (p.grant_type === 'refresh_token') {
          const result = oauth.refreshGrant(p.refresh_token ?? '')
          return result.ok ? json(expiringBody(result.grant)) : invalid('invalid_grant')
        }
        const result = oauth.exchangeCode(p.code ?? '')
        if (!result.ok) return invalid('invalid_grant')
        // Without expiring=1 Shopify issues the legacy non-expiring offline token.
        if (p.expiring !== '1' && p.expiring !== 'true') {
          oauth.seedAccessToken(result.grant.accessToken, cfg.shop)
          return json({ access_token: result.grant.accessToken, scope: 'read_orders,read_customers' })
        }
        return json(expiringBody(result.grant))
      },
    },
    {
      // Admin API calls authenticate with X-Shopify-Access-Token, not a Bearer header.
      method: 'GET',
      path: `/admin/api/${apiVersion}/shop.json`,
      handle: ({ request }) =>
        oauth.authenticate(request.headers.get('x-shopify-access-token')) === cfg.shop
          ? json({ shop: { myshopify_domain: cfg.shop } })
          : json({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }, 401),
    },
  ])

  return {
    ...server,
    ...cfg,
    oauth,
    sendWebhook(url, payload, o = {}) {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload)
      return postWebhook(
        url,
        body,
        shopifyWebhookHeaders(body, cfg.shop, { ...o, apiSecret: o.apiSecret ?? cfg.apiSecret, apiVersion }),
      )
    },
  }
}

function expiringBody(g: { accessToken: string; refreshToken: string }) {
  return {
    access_token: g.accessToken,
    scope: 'read_orders,read_customers',
    expires_in: 3600,
    refresh_token: g.refreshToken,
    refresh_token_expires_in: 90 * 24 * 3600,
  }
}
