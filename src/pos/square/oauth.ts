// Square OAuth (pos-providers.md § Square › OAuth 2.0). One host serves the consent page and the
// token endpoint; the token endpoint takes a JSON body with the client credentials in it.
import type { OAuthError } from '../connection/oauth-error'
import { type OriginContext, originOr } from '../connection/oauth-origin'
import {
  type AuthorizeInput,
  type ExchangeCodeInput,
  type RefreshInput,
  requireSecret,
} from '../connection/oauth-provider'
import { requestTokens } from '../connection/oauth-token-request'
import { type TokenSet, tokenSet } from '../connection/oauth-token-set'
import { ok, type Result } from '../../shared/result'
import { z } from 'zod'

const PRODUCTION = 'https://connect.squareup.com'
const SANDBOX = 'https://connect.squareupsandbox.com'

/** PAYMENTS/ORDERS/CUSTOMERS for sales and identity; MERCHANT_PROFILE_READ for locations. */
export const SCOPES = ['PAYMENTS_READ', 'ORDERS_READ', 'CUSTOMERS_READ', 'MERCHANT_PROFILE_READ'] as const

/** One host serves both the consent page and the token endpoint. */
export function authorizeOrigin(ctx: OriginContext): Result<string, OAuthError> {
  return originOr(ctx, () => ok(ctx.environment === 'sandbox' ? SANDBOX : PRODUCTION))
}

export const tokenOrigin = authorizeOrigin

/**
 * `session=false` makes the seller sign in on the Square page instead of reusing a browser
 * session, so the right account authorises. Square takes `code_challenge` without a method
 * parameter (S256 only). Scopes are space-separated (`A+B` once encoded).
 */
export function authorizeUrl(input: AuthorizeInput): string {
  const url = new URL('/oauth2/authorize', input.baseUrl)
  url.searchParams.set('client_id', input.clientId)
  url.searchParams.set('scope', input.scopes.join(' '))
  url.searchParams.set('session', 'false')
  url.searchParams.set('state', input.state)
  url.searchParams.set('redirect_uri', input.redirectUri)
  if (input.codeChallenge !== undefined) url.searchParams.set('code_challenge', input.codeChallenge)
  return url.toString()
}

// ObtainTokenResponse (square-nodejs-sdk): absolute ISO expiry times, merchant_id names the seller.
const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_at: z.iso.datetime({ offset: true }).optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_at: z.iso.datetime({ offset: true }).optional(),
  merchant_id: z.string().min(1).optional(),
})

function toTokenSet(data: z.infer<typeof tokenResponse>, previousRefreshToken?: string): TokenSet {
  return tokenSet(data.access_token, {
    refreshToken: data.refresh_token,
    previousRefreshToken,
    expiresAt: data.expires_at === undefined ? undefined : new Date(data.expires_at),
    refreshTokenExpiresAt:
      data.refresh_token_expires_at === undefined ? undefined : new Date(data.refresh_token_expires_at),
    externalMerchantId: data.merchant_id,
  })
}

/**
 * Code flow sends the client secret; PKCE sends `code_verifier` *instead of* the secret.
 * `redirect_uri` must be repeated because the authorize URL carried it.
 */
export function exchangeCode(input: ExchangeCodeInput): Promise<Result<TokenSet, OAuthError>> {
  const proof =
    input.codeVerifier !== undefined
      ? { code_verifier: input.codeVerifier }
      : { client_secret: requireSecret(input, 'square') }
  return requestTokens({
    fetch: input.fetch,
    url: new URL('/oauth2/token', input.baseUrl).toString(),
    body: {
      json: {
        client_id: input.clientId,
        ...proof,
        code: input.code,
        redirect_uri: input.redirectUri,
        grant_type: 'authorization_code',
      },
    },
    schema: tokenResponse,
    toTokenSet,
  })
}

/**
 * Code-flow grants return the same multi-use refresh token (never expires); PKCE grants return a
 * new single-use one (90 days), so the caller must persist whatever comes back. Pass
 * `clientSecret` only for code-flow grants: PKCE grants refresh with the client id alone.
 */
export function refresh(input: RefreshInput): Promise<Result<TokenSet, OAuthError>> {
  return requestTokens({
    fetch: input.fetch,
    url: new URL('/oauth2/token', input.baseUrl).toString(),
    body: {
      json: {
        client_id: input.clientId,
        ...(input.clientSecret !== undefined && { client_secret: requireSecret(input, 'square') }),
        refresh_token: input.refreshToken,
        grant_type: 'refresh_token',
      },
    },
    schema: tokenResponse,
    // Square documents that code-flow refreshes echo the token; keep ours if it is ever omitted.
    toTokenSet: (data) => toTokenSet(data, input.refreshToken),
  })
}
