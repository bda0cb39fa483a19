import { createHmac } from 'node:crypto'
import { OAuthStore } from './shared/oauth-store'
import { type FakeServer, json, postWebhook, readParams, startFakeServer } from './shared/server'

// Toast as documented in pos-providers.md: webhooks signed Toast-Signature =
// base64(HMAC-SHA256(subscription secret, raw body + body timestamp)) with Toast-* headers;
// no merchant OAuth, only a client-credentials login returning {token: {accessToken, expiresIn}}
// and no refresh token; every API call names the restaurant in Toast-Restaurant-External-ID,
// and only restaurants that added the integration are readable.

export type ToastFakeOptions = {
  webhookSecret?: string
  clientId?: string
  clientSecret?: string
  accessToken?: string
  /** expiresIn of issued tokens (86400 in Toast's sample). */
  accessTtlSeconds?: number
  /** Restaurants that have added the integration. */
  restaurants?: string[]
  now?: () => number
}

export type ToastWebhookOptions = { webhookSecret?: string; attempt?: number; restaurantGuid?: string }

export type ToastFake = FakeServer & {
  webhookSecret: string
  clientId: string
  clientSecret: string
  accessToken: string
  oauth: OAuthStore
  restaurants: Set<string>
  /** Orders keyed by `${restaurantGuid}/${orderGuid}`. */
  orders: Map<string, Record<string, unknown>>
  putOrder(restaurantGuid: string, order: Record<string, unknown> & { guid: string }): void
  sendWebhook(url: string, payload: unknown, opts?: ToastWebhookOptions): Promise<Response>
}

export function signToastWebhook(body: string, timestamp: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(body + timestamp, 'utf8')
    .digest('base64')
}

export function toastWebhookHeaders(
  body: string,
  secret: string,
  opts: { attempt?: number; restaurantGuid?: string } = {},
): Record<string, string> {
  const envelope = JSON.parse(body) as {
    timestamp: string
    eventType?: string
    eventCategory?: string
    details?: { restaurantGuid?: string }
  }
  return {
    'content-type': 'application/json',
    'toast-signature': signToastWebhook(body, envelope.timestamp, secret),
    'toast-event-type': envelope.eventType ?? '',
    'toast-event-category': envelope.eventCategory ?? '',
    'toast-restaurant-external-id': opts.restaurantGuid ?? envelope.details?.restaurantGuid ?? '',
    'toast-attempt-number': String(opts.attempt ?? 1),
  }
}

export function startToastFake(opts: ToastFakeOptions = {}): ToastFake {
  const cfg = {
    webhookSecret: opts.webhookSecret ?? 'toast-webhook-secret',
    clientId: opts.clientId ?? 'toast-client-id',
    clientSecret: opts.clientSecret ?? 'toast-client-secret',
    accessToken: opts.accessToken ?? 'toast-test-token',
  }
  const accessTtl = opts.accessTtlSeconds ?? 86400
  const oauth = new OAuthStore({
    accessTtlSeconds: accessTtl,
    refreshTtlSeconds: null,
    rotateRefreshTokens: false,
    ...(opts.now && { now: opts.now }),
  })
  oauth.seedAccessToken(cfg.accessToken, cfg.clientId)
  const restaurants = new Set(opts.restaurants ?? ['0cd990c9-fd74-461d-8468-de2a0919ccbb'])
  const orders = new Map<string, Record<string, unknown>>()

  const server = startFakeServer([
    {
      method: 'POST',
      path: '/authentication/v1/authentication/login',
      handle: async ({ request }) => {
        const p = await readParams(request)
        const valid =
          p.clientId === cfg.clientId &&
          p.clientSecret === cfg.clientSecret &&
          p.userAccessType === 'TOAST_MACHINE_CLIENT'
        if (!valid) return json({ status: 401, message: 'Access Denied' }, 401)
        const { accessToken } = oauth.issueClientToken(cfg.clientId)
        return json({
          token: {
            tokenType: 'Bearer',
            accessToken,
            expiresIn: accessTtl,
            scope: 'orders:read guest.pi:read',
            idToken: null,
            refreshToken: null,
          },
          status: 'SUCCESS',
        })
      },
    },
    {
      method: 'GET',
      path: '/orders/v2/orders/:guid',
      handle: ({ bearer, params, request }) => {
        if (oauth.authenticate(bearer) !== cfg.clientId) return json({ status: 401, message: 'Unauthorized' }, 401)
        const restaurant = request.headers.get('toast-restaurant-external-id')
        if (!restaurant) return json({ status: 400, message: 'Missing Toast-Restaurant-External-ID header' }, 400)
        if (!restaurants.has(restaurant)) return json({ status: 403, message: 'Restaurant not accessible' }, 403)
        const order = orders.get(`${restaurant}/${params.guid}`)
        return order ? json(order) : json({ status: 404, message: 'Not Found' }, 404)
      },
    },
  ])

  return {
    ...server,
    ...cfg,
    oauth,
    restaurants,
    orders,
    putOrder: (restaurantGuid, order) => void orders.set(`${restaurantGuid}/${order.guid}`, order),
    sendWebhook(url, payload, o = {}) {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload)
      return postWebhook(url, body, toastWebhookHeaders(body, o.webhookSecret ?? cfg.webhookSecret, o))
    },
  }
}
