import { createHmac } from 'node:crypto'
import { OAuthStore } from './shared/oauth-store'
import { type FakeServer, json, postWebhook, readParams, redirectTo, startFakeServer } from './shared/server'

// Square as documented in pos-providers.md: webhooks signed base64(HMAC-SHA256(key, URL + body))
// in x-square-hmacsha256-signature; REST retrieve endpoints behind Bearer tokens; OAuth at
// /oauth2/token where the code-flow refresh token is multi-use and never expires, while the
// PKCE refresh token is single-use (90 days).

export type SquareFakeOptions = {
  signatureKey?: string
  clientId?: string
  clientSecret?: string
  /** Merchant who approves on the consent page. */
  merchantId?: string
  /** Pre-seeded valid access token for that merchant. */
  accessToken?: string
  /** PKCE apps: refresh tokens rotate and are single-use. */
  pkce?: boolean
  now?: () => number
}

export type SquareFake = FakeServer & {
  signatureKey: string
  clientId: string
  clientSecret: string
  merchantId: string
  accessToken: string
  oauth: OAuthStore
  payments: Map<string, Record<string, unknown>>
  orders: Map<string, Record<string, unknown>>
  customers: Map<string, Record<string, unknown>>
  /** Signs and POSTs like Square. `notificationUrl` (default `url`) is what Square signs: set it to test a proxy mismatch. */
  sendWebhook(
    url: string,
    payload: unknown,
    opts?: { notificationUrl?: string; signatureKey?: string; retryNumber?: number },
  ): Promise<Response>
}

export function signSquareWebhook(body: string, signatureKey: string, notificationUrl: string): string {
  return createHmac('sha256', signatureKey)
    .update(notificationUrl + body, 'utf8')
    .digest('base64')
}

export function squareWebhookHeaders(
  body: string,
  signatureKey: string,
  notificationUrl: string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-square-hmacsha256-signature': signSquareWebhook(body, signatureKey, notificationUrl),
    'square-environment': 'Sandbox',
    'square-initial-delivery-timestamp': new Date().toISOString(),
  }
}

const unauthorized = () =>
  json(
    {
      errors: [
        { category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED', detail: 'This request could not be authorized.' },
      ],
    },
    401,
  )
const notFound = () => json({ errors: [{ category: 'INVALID_REQUEST_ERROR', code: 'NOT_FOUND' }] }, 404)
const invalidGrant = () =>
  json({ error: 'invalid_grant', errors: [{ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED' }] }, 401)

export function startSquareFake(opts: SquareFakeOptions = {}): SquareFake {
  const cfg = {
    signatureKey: opts.signatureKey ?? 'square-signature-key',
    clientId: opts.clientId ?? 'sq0idp-fake',
    clientSecret: opts.clientSecret ?? 'sq0csp-fake',
    merchantId: opts.merchantId ?? 'ML8M1AQ1GQG2K',
    accessToken: opts.accessToken ?? 'EAAA-square-test-token',
  }
  const pkce = opts.pkce ?? false
  const oauth = new OAuthStore({
    accessTtlSeconds: 30 * 24 * 3600,
    refreshTtlSeconds: pkce ? 90 * 24 * 3600 : null,
    rotateRefreshTokens: pkce,
    ...(opts.now && { now: opts.now }),
  })
  oauth.seedAccessToken(cfg.accessToken, cfg.merchantId)
  const payments = new Map<string, Record<string, unknown>>()
  const orders = new Map<string, Record<string, unknown>>()
  const customers = new Map<string, Record<string, unknown>>()

  const retrieve = (store: Map<string, Record<string, unknown>>, key: string) => ({
    method: 'GET' as const,
    path: `/v2/${key}s/:id`,
    handle: ({ bearer, params }: { bearer: string | null; params: Record<string, string> }) => {
      if (!oauth.authenticate(bearer)) return unauthorized()
      const item = store.get(params.id ?? '')
      return item ? json({ [key]: item }) : notFound()
    },
  })

  const server = startFakeServer([
    retrieve(payments, 'payment'),
    retrieve(orders, 'order'),
    retrieve(customers, 'customer'),
    {
      method: 'GET',
      path: '/oauth2/authorize',
      handle: ({ url }) => {
        const redirect = url.searchParams.get('redirect_uri')
        if (url.searchParams.get('client_id') !== cfg.clientId || !redirect)
          return json({ error: 'invalid_request' }, 400)
        const state = url.searchParams.get('state') ?? ''
        return redirectTo(redirect, { code: oauth.issueCode(cfg.merchantId), state, response_type: 'code' })
      },
    },
    {
      method: 'POST',
      path: '/oauth2/token',
      handle: async ({ request }) => {
        const p = await readParams(request)
        // Code flow authenticates with the secret; PKCE with the code_verifier instead.
        const clientOk =
          p.client_id === cfg.clientId &&
          (pkce ? !!p.code_verifier || p.grant_type === 'refresh_token' : p.client_secret === cfg.clientSecret)
        if (!clientOk)
          return json(
            { error: 'invalid_client', errors: [{ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED' }] },
            401,
          )
        const result =
          p.grant_type === 'authorization_code'
            ? oauth.exchangeCode(p.code ?? '')
            : p.grant_type === 'refresh_token'
              ? oauth.refreshGrant(p.refresh_token ?? '')
              : null
        if (!result) return json({ error: 'unsupported_grant_type' }, 400)
        if (!result.ok) return invalidGrant()
        const g = result.grant
        return json({
          access_token: g.accessToken,
          token_type: 'bearer',
          expires_at: new Date(g.accessExpiresAt).toISOString(),
          merchant_id: g.merchantId,
          refresh_token: g.refreshToken,
          ...(g.refreshExpiresAt !== null && { refresh_token_expires_at: new Date(g.refreshExpiresAt).toISOString() }),
        })
      },
    },
    {
      method: 'POST',
      path: '/oauth2/revoke',
      handle: async ({ request }) => {
        if (request.headers.get('authorization') !== `Client ${cfg.clientSecret}`) return unauthorized()
        const p = await readParams(request)
        const merchant = p.merchant_id ?? (p.access_token ? oauth.authenticate(p.access_token) : null)
        if (p.client_id !== cfg.clientId || !merchant) return json({ error: 'invalid_request' }, 400)
        oauth.revokeMerchant(merchant)
        return json({ success: true })
      },
    },
  ])

  return {
    ...server,
    ...cfg,
    oauth,
    payments,
    orders,
    customers,
    sendWebhook(url, payload, o = {}) {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload)
      const headers = squareWebhookHeaders(body, o.signatureKey ?? cfg.signatureKey, o.notificationUrl ?? url)
      if (o.retryNumber)
        Object.assign(headers, { 'square-retry-number': String(o.retryNumber), 'square-retry-reason': 'http_timeout' })
      return postWebhook(url, body, headers)
    },
  }
}
