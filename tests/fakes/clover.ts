import { OAuthStore } from './shared/oauth-store'
import { type FakeServer, json, postWebhook, readParams, redirectTo, startFakeServer } from './shared/server'

// Clover as documented in pos-providers.md: app webhooks carry a static `X-Clover-Auth` code
// and only ids ({appId, merchants: {mId: [{objectId, type, ts}]}}); facts come from v3 REST,
// where collections appear only when `expand`ed. OAuth v2: /oauth/v2/token and
// /oauth/v2/refresh (single-use refresh tokens, expirations as Unix timestamps).

export type CloverNotice = { objectId: string; type: 'CREATE' | 'UPDATE' | 'DELETE'; ts: number }

export type CloverFakeOptions = {
  authCode?: string
  appId?: string
  clientSecret?: string
  merchantId?: string
  accessToken?: string
  accessTtlSeconds?: number
  now?: () => number
}

type Resource = Record<string, unknown>

export type CloverFake = FakeServer & {
  authCode: string
  appId: string
  clientSecret: string
  merchantId: string
  accessToken: string
  oauth: OAuthStore
  /** Full objects keyed by `${merchantId}/${id}`; expandable collections as {elements: [...]}. */
  orders: Map<string, Resource>
  customers: Map<string, Resource>
  payments: Map<string, Resource>
  putOrder(merchantId: string, order: Resource & { id: string }): void
  putCustomer(merchantId: string, customer: Resource & { id: string }): void
  /** POSTs with X-Clover-Auth. `payload` is the whole body, e.g. from cloverNoticeBody(). */
  sendWebhook(url: string, payload: unknown, opts?: { authCode?: string | null }): Promise<Response>
  /** The one-off {"verificationCode"} POST Clover sends while a webhook URL is being set up. */
  sendVerification(url: string, verificationCode: string): Promise<Response>
}

export function cloverNoticeBody(appId: string, merchants: Record<string, CloverNotice[]>): string {
  return JSON.stringify({ appId, merchants })
}

const EXPANDABLE = ['customers', 'payments', 'refunds', 'lineItems', 'emailAddresses', 'phoneNumbers']

/** Without `expand`, Clover leaves nested collections out of the response. */
function withExpansions(resource: Resource, expand: string | null): Resource {
  const wanted = new Set((expand ?? '').split(',').map((s) => s.trim()))
  return Object.fromEntries(Object.entries(resource).filter(([key]) => !EXPANDABLE.includes(key) || wanted.has(key)))
}

const unauthorized = () => json({ message: '401 Unauthorized' }, 401)

export function startCloverFake(opts: CloverFakeOptions = {}): CloverFake {
  const cfg = {
    authCode: opts.authCode ?? 'clover-auth-code',
    appId: opts.appId ?? 'DRKVJT2ZRRRSC',
    clientSecret: opts.clientSecret ?? 'clover-app-secret',
    merchantId: opts.merchantId ?? 'XYZVJT2ZRRRSC',
    accessToken: opts.accessToken ?? 'clover-test-token',
  }
  const now = opts.now ?? Date.now
  // Access lifetime is unconfirmed ("short-lived"); refresh expiry ~1 year in doc examples.
  const oauth = new OAuthStore({
    accessTtlSeconds: opts.accessTtlSeconds ?? 30 * 60,
    refreshTtlSeconds: 365 * 24 * 3600,
    rotateRefreshTokens: true,
    now,
  })
  oauth.seedAccessToken(cfg.accessToken, cfg.merchantId)
  const orders = new Map<string, Resource>()
  const customers = new Map<string, Resource>()
  const payments = new Map<string, Resource>()

  /** A token only reads its own merchant's data. */
  const getFor = (store: Map<string, Resource>, kind: string) => ({
    method: 'GET' as const,
    path: `/v3/merchants/:mId/${kind}/:id`,
    handle: ({ bearer, params, url }: { bearer: string | null; params: Record<string, string>; url: URL }) => {
      if (oauth.authenticate(bearer) !== params.mId) return unauthorized()
      const item = store.get(`${params.mId}/${params.id}`)
      return item ? json(withExpansions(item, url.searchParams.get('expand'))) : json({ message: 'Not Found' }, 404)
    },
  })

  const tokenBody = (
    g: { accessToken: string; refreshToken: string; accessExpiresAt: number; refreshExpiresAt: number | null },
    withRefresh: boolean,
  ) => ({
    access_token: g.accessToken,
    access_token_expiration: Math.floor(g.accessExpiresAt / 1000),
    ...(withRefresh && {
      refresh_token: g.refreshToken,
      refresh_token_expiration: Math.floor((g.refreshExpiresAt ?? 0) / 1000),
    }),
  })

  const server = startFakeServer([
    {
      // A token reads only the merchant that approved it; any other merchant id is 401.
      method: 'GET',
      path: '/v3/merchants/:mId',
      handle: ({ bearer, params }) =>
        oauth.authenticate(bearer) === params.mId
          ? json({ id: params.mId, name: `Merchant ${params.mId}` })
          : unauthorized(),
    },
    getFor(orders, 'orders'),
    getFor(customers, 'customers'),
    getFor(payments, 'payments'),
    {
      method: 'GET',
      path: '/oauth/v2/authorize',
      handle: ({ url }) => {
        const redirect = url.searchParams.get('redirect_uri')
        if (url.searchParams.get('client_id') !== cfg.appId || !redirect)
          return json({ message: 'invalid client' }, 400)
        return redirectTo(redirect, {
          merchant_id: cfg.merchantId,
          client_id: cfg.appId,
          code: oauth.issueCode(cfg.merchantId),
        })
      },
    },
    {
      method: 'POST',
      path: '/oauth/v2/token',
      handle: async ({ request, url }) => {
        const p = await readParams(request)
        if (p.client_id !== cfg.appId || p.client_secret !== cfg.clientSecret)
          return json({ message: 'Invalid client' }, 401)
        const result = oauth.exchangeCode(p.code ?? '')
        if (!result.ok) return json({ error: 'invalid_grant', message: 'Invalid code' }, 400)
        return json(tokenBody(result.grant, url.searchParams.get('no_refresh_token') !== 'true'))
      },
    },
    {
      method: 'POST',
      // No client secret on refresh; the refresh token itself is the credential.
      path: '/oauth/v2/refresh',
      handle: async ({ request }) => {
        const p = await readParams(request)
        if (p.client_id !== cfg.appId) return json({ message: 'Invalid client' }, 401)
        const result = oauth.refreshGrant(p.refresh_token ?? '')
        if (!result.ok) return json({ error: 'invalid_grant', message: 'Invalid refresh token' }, 401)
        return json(tokenBody(result.grant, true))
      },
    },
  ])

  return {
    ...server,
    ...cfg,
    oauth,
    orders,
    customers,
    payments,
    putOrder: (mId, order) => void orders.set(`${mId}/${order.id}`, order),
    putCustomer: (mId, customer) => void customers.set(`${mId}/${customer.id}`, customer),
    sendWebhook(url, payload, o = {}) {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload)
      const authCode = o.authCode === undefined ? cfg.authCode : o.authCode
      return postWebhook(url, body, {
        'content-type': 'application/json',
        ...(authCode !== null && { 'x-clover-auth': authCode }),
      })
    },
    sendVerification: (url, verificationCode) =>
      postWebhook(url, JSON.stringify({ verificationCode }), { 'content-type': 'application/json' }),
  }
}
