// Clover v2/OAuth expiring tokens (pos-providers.md § Clover › OAuth 2.0). The consent page and
// the token API live on different hosts per region; bodies are JSON with credentials inside.
import { z } from 'zod'
import { ok, type Result } from '../../shared/result'
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

const HOSTS = {
  na: { authorize: 'https://www.clover.com', token: 'https://api.clover.com' },
  eu: { authorize: 'https://www.eu.clover.com', token: 'https://api.eu.clover.com' },
  la: { authorize: 'https://www.la.clover.com', token: 'https://api.la.clover.com' },
  sandbox: { authorize: 'https://sandbox.dev.clover.com', token: 'https://apisandbox.dev.clover.com' },
} as const

/** Clover has no scope parameter: permissions are set on the app and approved at install. */
export const SCOPES = [] as const

const hosts = (ctx: OriginContext) => (ctx.environment === 'sandbox' ? HOSTS.sandbox : HOSTS[ctx.region ?? 'na'])

export function authorizeOrigin(ctx: OriginContext): Result<string, OAuthError> {
  return originOr(ctx, () => ok(hosts(ctx).authorize))
}

export function tokenOrigin(ctx: OriginContext): Result<string, OAuthError> {
  return originOr(ctx, () => ok(hosts(ctx).token))
}

/**
 * Scopes are ignored (see SCOPES). The callback Clover documents carries `merchant_id`,
 * `client_id` and `code`; whether it echoes `state` is not documented (unconfirmed), so the
 * callback route must cope with installs that start from the App Market without one.
 * `code_challenge` goes without a method parameter, as on Clover's PKCE page.
 */
export function authorizeUrl(input: AuthorizeInput): string {
  const url = new URL('/oauth/v2/authorize', input.baseUrl)
  url.searchParams.set('client_id', input.clientId)
  url.searchParams.set('redirect_uri', input.redirectUri)
  url.searchParams.set('state', input.state)
  if (input.codeChallenge !== undefined) url.searchParams.set('code_challenge', input.codeChallenge)
  return url.toString()
}

// Expirations are absolute Unix timestamps in seconds (doc sample 1677875430), not lifetimes.
const tokenResponse = z.object({
  access_token: z.string().min(1),
  access_token_expiration: z.number().int().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expiration: z.number().int().positive().optional(),
})

const fromUnixSeconds = (s: number) => new Date(s * 1000)

function toTokenSet(data: z.infer<typeof tokenResponse>, previousRefreshToken?: string): TokenSet {
  return tokenSet(data.access_token, {
    refreshToken: data.refresh_token,
    previousRefreshToken,
    expiresAt: data.access_token_expiration === undefined ? undefined : fromUnixSeconds(data.access_token_expiration),
    refreshTokenExpiresAt:
      data.refresh_token_expiration === undefined ? undefined : fromUnixSeconds(data.refresh_token_expiration),
  })
}

/** High-trust apps send the client secret; PKCE (low-trust) sends `code_verifier` instead. */
export function exchangeCode(input: ExchangeCodeInput): Promise<Result<TokenSet, OAuthError>> {
  const proof =
    input.codeVerifier !== undefined
      ? { code_verifier: input.codeVerifier }
      : { client_secret: requireSecret(input, 'clover') }
  return requestTokens({
    fetch: input.fetch,
    url: new URL('/oauth/v2/token', input.baseUrl).toString(),
    body: { json: { client_id: input.clientId, code: input.code, ...proof } },
    schema: tokenResponse,
    toTokenSet,
  })
}

/**
 * `/oauth/v2/refresh` takes no secret. Refresh tokens are single-use and Clover caps how many
 * are active per merchant-app, so refreshes must be serialised per merchant (refresh-plan key).
 */
export function refresh(input: RefreshInput): Promise<Result<TokenSet, OAuthError>> {
  return requestTokens({
    fetch: input.fetch,
    url: new URL('/oauth/v2/refresh', input.baseUrl).toString(),
    body: { json: { client_id: input.clientId, refresh_token: input.refreshToken } },
    schema: tokenResponse,
    toTokenSet: (data) => toTokenSet(data, input.refreshToken),
  })
}
