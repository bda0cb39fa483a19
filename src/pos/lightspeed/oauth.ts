// Lightspeed Retail X-Series OAuth (pos-providers.md § Lightspeed › Retail X-Series). The consent
// page is global; the token endpoint lives on the retailer's own host, named by the callback's
// `domain_prefix`. Token calls are form-encoded with the credentials in the body.
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

/** Sales and customers to award points; `webhooks` to subscribe to `sale.update`. */
export const SCOPES = ['sales:read', 'customers:read', 'webhooks'] as const

// `domain_prefix` arrives in the callback query, and we POST our client secret to the host built
// from it: one DNS label only, so it can never point outside retail.lightspeed.app.
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

export function parseDomainPrefix(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const prefix = raw.trim().toLowerCase()
  return DOMAIN_PREFIX.test(prefix) ? prefix : null
}

/** X-Series has no separate sandbox host (trial stores instead), so `environment` is ignored. */
export function authorizeOrigin(ctx: OriginContext): Result<string, OAuthError> {
  return originOr(ctx, () => ok('https://secure.retail.lightspeed.app'))
}

export function tokenOrigin(ctx: OriginContext): Result<string, OAuthError> {
  const prefix = parseDomainPrefix(ctx.domainPrefix)
  if (prefix === null) return err(invalidOrigin('Lightspeed domain_prefix must be a single lower-case DNS label'))
  return originOr(ctx, () => ok(`https://${prefix}.retail.lightspeed.app`))
}

/** Scopes are space-delimited. No PKCE in the docs. */
export function authorizeUrl(input: AuthorizeInput): string {
  const url = new URL('/connect', input.baseUrl)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', input.clientId)
  url.searchParams.set('redirect_uri', input.redirectUri)
  url.searchParams.set('state', input.state)
  url.searchParams.set('scope', input.scopes.join(' '))
  return url.toString()
}

// Both `expires` (absolute Unix seconds) and `expires_in` come back; the lifetime varies (86400
// and 604800 s in the docs), so it is always read from the response.
const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires: z.number().int().positive().optional(),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
})

function tokenSetFrom(now: Date, previousRefreshToken?: string) {
  return (data: z.infer<typeof tokenResponse>): TokenSet => {
    // `expires_in` counts from our `now`, so skew between our clock and theirs cannot matter.
    const expiresAt =
      expiresInToDate(now, data.expires_in) ?? (data.expires === undefined ? undefined : new Date(data.expires * 1000))
    return tokenSet(data.access_token, {
      refreshToken: data.refresh_token,
      previousRefreshToken,
      expiresAt,
      scopes: splitScopes(data.scope),
    })
  }
}

/** Parameters must be in the form body, never the query string (the doc insists). */
export function exchangeCode(input: ExchangeCodeInput): Promise<Result<TokenSet, OAuthError>> {
  return requestTokens({
    fetch: input.fetch,
    url: new URL('/api/1.0/token', input.baseUrl).toString(),
    body: {
      form: {
        code: input.code,
        client_id: input.clientId,
        client_secret: requireSecret(input, 'lightspeed'),
        grant_type: 'authorization_code',
        redirect_uri: input.redirectUri,
      },
    },
    schema: tokenResponse,
    toTokenSet: tokenSetFrom(input.now),
  })
}

/**
 * Since 2025-03 the old refresh token is revoked as soon as a new one is issued: persist the
 * returned token before anything else, and never run two refreshes for one retailer.
 */
export function refresh(input: RefreshInput): Promise<Result<TokenSet, OAuthError>> {
  return requestTokens({
    fetch: input.fetch,
    url: new URL('/api/1.0/token', input.baseUrl).toString(),
    body: {
      form: {
        refresh_token: input.refreshToken,
        client_id: input.clientId,
        client_secret: requireSecret(input, 'lightspeed'),
        grant_type: 'refresh_token',
      },
    },
    schema: tokenResponse,
    toTokenSet: tokenSetFrom(input.now, input.refreshToken),
  })
}
