import { createHmac } from 'node:crypto'
import { OAuthStore } from './shared/oauth-store'
import { type FakeServer, json, postWebhook, readParams, redirectTo, startFakeServer } from './shared/server'

// Lightspeed Retail X-Series as documented in pos-providers.md: webhooks are form-encoded with a
// JSON `payload` field, signed `X-Signature: signature=<sig>,algorithm=HMAC-SHA256` over the
// whole raw body with the client secret (digest encoding unconfirmed, so both are offered);
// OAuth at /api/1.0/token (form body only; refresh tokens rotate and the old one is revoked).

export type LightspeedFakeOptions = {
  clientId?: string
  clientSecret?: string
  domainPrefix?: string
  retailerId?: string
  accessToken?: string
  /** expires_in of issued access tokens; doc examples show 86400 and 604800. */
  accessTtlSeconds?: number
  now?: () => number
}

export type LightspeedWebhookOptions = {
  type?: string
  retailerId?: string | null
  clientSecret?: string
  encoding?: 'hex' | 'base64'
}

export type LightspeedFake = FakeServer & {
  clientId: string
  clientSecret: string
  domainPrefix: string
  retailerId: string
  accessToken: string
  oauth: OAuthStore
  customers: Map<string, Record<string, unknown>>
  /** `payload` is the decoded API 1.0 object; it is JSON-encoded into the form's payload field. */
  sendWebhook(url: string, payload: unknown, opts?: LightspeedWebhookOptions): Promise<Response>
}

export function lightspeedFormBody(
  payload: unknown,
  fields: { type: string; retailerId?: string | null; domainPrefix: string },
): string {
  const form = new URLSearchParams({ environment: 'prod', domain_prefix: fields.domainPrefix })
  if (fields.retailerId) form.set('retailer_id', fields.retailerId)
  form.set('type', fields.type)
  form.set('payload', typeof payload === 'string' ? payload : JSON.stringify(payload))
  return form.toString()
}

export function signLightspeedWebhook(body: string, clientSecret: string, encoding: 'hex' | 'base64' = 'hex'): string {
  const sig = createHmac('sha256', clientSecret).update(body, 'utf8').digest(encoding)
  return `signature=${sig},algorithm=HMAC-SHA256`
}

export function startLightspeedFake(opts: LightspeedFakeOptions = {}): LightspeedFake {
  const cfg = {
    clientId: opts.clientId ?? 'lightspeed-client-id',
    clientSecret: opts.clientSecret ?? 'lightspeed-client-secret',
    domainPrefix: opts.domainPrefix ?? 'fakestore',
    retailerId: opts.retailerId ?? 'b1e2c3d4-0000-4000-8000-00000000r001',
    accessToken: opts.accessToken ?? 'lightspeed-test-token',
  }
  const accessTtl = opts.accessTtlSeconds ?? 86400
  const now = opts.now ?? Date.now
  const oauth = new OAuthStore({ accessTtlSeconds: accessTtl, refreshTtlSeconds: null, rotateRefreshTokens: true, now })
  oauth.seedAccessToken(cfg.accessToken, cfg.domainPrefix)
  const customers = new Map<string, Record<string, unknown>>()
  const invalid = (error: string, status = 400) => json({ error, error_description: 'The request is invalid.' }, status)

  const server = startFakeServer([
    {
      method: 'GET',
      path: '/api/2.0/customers/:id',
      handle: ({ bearer, params }) => {
        if (!oauth.authenticate(bearer)) return json({ error: 'Unauthorized' }, 401)
        const customer = customers.get(params.id ?? '')
        return customer ? json({ data: customer }) : json({ error: 'Not Found' }, 404)
      },
    },
    {
      method: 'GET',
      path: '/connect',
      handle: ({ url }) => {
        const redirect = url.searchParams.get('redirect_uri')
        if (url.searchParams.get('client_id') !== cfg.clientId || !redirect) return invalid('invalid_request')
        const code = oauth.issueCode(cfg.domainPrefix)
        return redirectTo(redirect, {
          code,
          domain_prefix: cfg.domainPrefix,
          state: url.searchParams.get('state') ?? '',
        })
      },
    },
    {
      method: 'POST',
      path: '/api/1.0/token',
      handle: async ({ request, url }) => {
        // "Parameters must go in the body, not the query string."
        if (url.search) return invalid('invalid_request')
        const p = await readParams(request)
        if (p.client_id !== cfg.clientId || p.client_secret !== cfg.clientSecret) return invalid('invalid_client', 401)
        const result =
          p.grant_type === 'authorization_code'
            ? oauth.exchangeCode(p.code ?? '')
            : p.grant_type === 'refresh_token'
              ? oauth.refreshGrant(p.refresh_token ?? '')
              : null
        if (!result) return invalid('unsupported_grant_type')
        if (!result.ok) return invalid('invalid_grant')
        const g = result.grant
        return json({
          access_token: g.accessToken,
          token_type: 'Bearer',
          expires: Math.floor(g.accessExpiresAt / 1000),
          expires_in: accessTtl,
          refresh_token: g.refreshToken,
          domain_prefix: cfg.domainPrefix,
          scope: 'sales:read customers:read webhooks',
        })
      },
    },
  ])

  return {
    ...server,
    ...cfg,
    oauth,
    customers,
    sendWebhook(url, payload, o = {}) {
      const retailerId = o.retailerId === undefined ? cfg.retailerId : o.retailerId
      const body = lightspeedFormBody(payload, {
        type: o.type ?? 'sale.update',
        retailerId,
        domainPrefix: cfg.domainPrefix,
      })
      return postWebhook(url, body, {
        'content-type': 'application/x-www-form-urlencoded',
        'x-signature': signLightspeedWebhook(body, o.clientSecret ?? cfg.clientSecret, o.encoding ?? 'hex'),
      })
    },
  }
}
