// Shopify offline-token OAuth (pos-providers.md § Shopify › OAuth 2.0). Every call goes to the
// merchant's own shop host, so the shop domain is validated before any URL is built from it.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { err, ok, type Result } from '../../shared/result'
import type { OAuthError } from '../connection/oauth-error'
import { invalidOrigin, type OriginContext, originOr } from '../connection/oauth-origin'
import {
  type AuthorizeInput,
  type ExchangeCodeInput,
  type RefreshInput,
  requireSecret,
} from '../connection/oauth-provider'
import { requestTokens } from '../connection/oauth-token-request'
import { expiresInToDate, splitScopes, type TokenSet, tokenSet } from '../connection/oauth-token-set'

/** Orders and customers for awarding; locations to map POS sales to stores. */
export const SCOPES = ['read_orders', 'read_customers', 'read_locations'] as const

// The shop comes from a query string an attacker controls, and we POST our client secret to it:
// only `<name>.myshopify.com` is accepted (same rule as the Shopify SDK's sanitizeShop).
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/

/** The validated shop domain (lower-cased), which is also the connection's external id. */
export function parseShopDomain(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const shop = raw.trim().toLowerCase()
  return SHOP_DOMAIN.test(shop) ? shop : null
}

/**
 * The shop's own origin. The shop is validated even when an override is set, so tests exercise
 * the same rejection. Development stores are ordinary shops: there is no sandbox host.
 */
export function authorizeOrigin(ctx: OriginContext): Result<string, OAuthError> {
  const shop = parseShopDomain(ctx.shop)
  if (shop === null) return err(invalidOrigin('Shopify shop domain must look like name.myshopify.com'))
  return originOr(ctx, () => ok(`https://${shop}`))
}

export const tokenOrigin = authorizeOrigin

/**
 * Offline (shop-wide) access: `grant_options[]=per-user` is left out on purpose, because online
 * tokens die with the staff member's session. Scopes are comma-separated. No PKCE in the docs.
 */
export function authorizeUrl(input: AuthorizeInput): string {
  const url = new URL('/admin/oauth/authorize', input.baseUrl)
  url.searchParams.set('client_id', input.clientId)
  url.searchParams.set('scope', input.scopes.join(','))
  url.searchParams.set('redirect_uri', input.redirectUri)
  url.searchParams.set('state', input.state)
  return url.toString()
}

// Expiring offline tokens: access `expires_in` 3600 s, refresh ~90 days, both relative.
const tokenResponse = z.object({
  access_token: z.string().min(1),
  scope: z.string().optional(),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().positive().optional(),
})

function tokenSetFrom(now: Date, previousRefreshToken?: string) {
  return (data: z.infer<typeof tokenResponse>): TokenSet => {
    return tokenSet(data.access_token, {
      refreshToken: data.refresh_token,
      previousRefreshToken,
      expiresAt: expiresInToDate(now, data.expires_in),
      refreshTokenExpiresAt: expiresInToDate(now, data.refresh_token_expires_in),
      scopes: splitScopes(data.scope),
    })
  }
}

/**
 * `expiring: "1"` asks for an expiring offline token: non-expiring ones are rejected for public
 * apps from Jan 1 2027, so we never create them.
 */
export function exchangeCode(input: ExchangeCodeInput): Promise<Result<TokenSet, OAuthError>> {
  return requestTokens({
    fetch: input.fetch,
    url: new URL('/admin/oauth/access_token', input.baseUrl).toString(),
    body: {
      json: {
        client_id: input.clientId,
        client_secret: requireSecret(input, 'shopify'),
        code: input.code,
        expiring: '1',
      },
    },
    schema: tokenResponse,
    toTokenSet: tokenSetFrom(input.now),
  })
}

/**
 * Each refresh returns a new refresh token (the old one stays valid only until the new pair is
 * first used), and only one expiring token is active per app and shop: persist the new pair.
 */
export function refresh(input: RefreshInput): Promise<Result<TokenSet, OAuthError>> {
  return requestTokens({
    fetch: input.fetch,
    url: new URL('/admin/oauth/access_token', input.baseUrl).toString(),
    body: {
      json: {
        client_id: input.clientId,
        client_secret: requireSecret(input, 'shopify'),
        refresh_token: input.refreshToken,
        grant_type: 'refresh_token',
      },
    },
    schema: tokenResponse,
    toTokenSet: tokenSetFrom(input.now, input.refreshToken),
  })
}

// Shopify SDK (hmac-validator.ts) allows 90 s between the callback's `timestamp` and our clock.
const CALLBACK_TOLERANCE_S = 90

/**
 * Checks the install/callback `hmac`: hex HMAC-SHA256 (client secret) of the remaining query
 * parameters sorted by name and URL-encoded. Without it, anyone could hand our callback a `shop`
 * and `code` of their choosing. Repeated keys are joined with commas, as the SDK does.
 */
export function verifyCallbackHmac(query: URLSearchParams, clientSecret: string, now: Date): boolean {
  const hmac = query.get('hmac')
  const timestamp = Number(query.get('timestamp'))
  if (hmac === null || !Number.isFinite(timestamp)) return false
  if (Math.abs(now.getTime() / 1000 - timestamp) > CALLBACK_TOLERANCE_S) return false
  const merged = new Map<string, string>()
  for (const [key, value] of query) {
    if (key === 'hmac' || key === 'signature') continue
    const seen = merged.get(key)
    merged.set(key, seen === undefined ? value : `${seen},${value}`)
  }
  const message = new URLSearchParams([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))).toString()
  const expected = createHmac('sha256', clientSecret).update(message).digest('hex')
  return hmac.length === expected.length && timingSafeEqual(Buffer.from(hmac), Buffer.from(expected))
}
