// A provider's OAuth capability as its descriptor declares it, and the inputs of its calls
// (authorize URL, code exchange, refresh, client-credentials login). No env, no clock: the
// connection shell passes in the settings, `fetch` and `now`.
import type { Result } from '../../shared/result'
import type { PosProvider } from '../registry'
import type { OAuthError } from './oauth-error'
import type { OriginContext } from './oauth-origin'
import type { FetchLike } from './oauth-token-request'
import type { TokenSet } from './oauth-token-set'

/** Inputs shared by every authorization-code provider; providers ignore what they do not use. */
export type AuthorizeInput = {
  /** Origin of the consent page, from the provider's `authorizeOrigin()`. */
  baseUrl: string
  clientId: string
  redirectUri: string
  /** From createOAuthState. */
  state: string
  scopes: readonly string[]
  /** PKCE S256 challenge; sent only by providers whose docs support PKCE (Square, Clover). */
  codeChallenge?: string
}

type TokenCallInput = {
  fetch: FetchLike
  /** Origin of the token endpoint, from the provider's `tokenOrigin()`. */
  baseUrl: string
  clientId: string
  /** Omitted for PKCE grants (Square, Clover) and for Clover refreshes, which take no secret. */
  clientSecret?: string
  /** Used to turn relative lifetimes (`expires_in`) into `expiresAt`. */
  now: Date
}

export type ExchangeCodeInput = TokenCallInput & {
  code: string
  redirectUri: string
  /** The verifier whose challenge went into the authorize URL, if PKCE was used. */
  codeVerifier?: string
}

export type RefreshInput = TokenCallInput & { refreshToken: string }

/** Secret-requiring providers call this: a missing secret is a deployment bug, so it throws. */
export function requireSecret(input: TokenCallInput, provider: PosProvider): string {
  if (input.clientSecret === undefined || input.clientSecret === '') {
    throw new TypeError(`${provider} token calls need the app client secret`)
  }
  return input.clientSecret
}

type TokenResult = Promise<Result<TokenSet, OAuthError>>

/** A client-credentials login (Toast): one token for our partner client. */
export type LoginInput = {
  fetch: FetchLike
  baseUrl: string
  clientId: string
  clientSecret: string
  now: Date
}

/**
 * A provider's OAuth capability, as its descriptor declares it (src/pos/<provider>/index.ts).
 * It reads no env itself: the connection shell passes in what `config.pos[provider]` holds.
 */
type OAuthCommon = {
  /** Environment variables (api-v1.md § Environment) holding the app's client id and secret. */
  env: { clientId: string; clientSecret: string }
  /**
   * Who owns a token: one merchant connection, or our whole partner client (Toast), in which
   * case every restaurant shares it and it must be refreshed once, not once per restaurant.
   */
  tokenOwner: 'connection' | 'partner'
  /** Where the connection's external merchant id (api-v1 § admin connections) comes from. */
  externalMerchantId: string
  tokenOrigin(ctx: OriginContext): Result<string, OAuthError>
}

export type AuthorizationCodeProvider = OAuthCommon & {
  flow: 'authorization_code'
  /** The provider's docs support PKCE S256: send a challenge, keep the verifier with the state. */
  pkce: boolean
  /** Every refresh invalidates the previous refresh token: a lost response means a lost grant. */
  rotatesRefreshToken: 'always' | 'pkce_only'
  scopes: readonly string[]
  authorizeOrigin(ctx: OriginContext): Result<string, OAuthError>
  authorizeUrl(input: AuthorizeInput): string
  exchangeCode(input: ExchangeCodeInput): TokenResult
  refresh(input: RefreshInput): TokenResult
}

export type ClientCredentialsProvider = OAuthCommon & {
  flow: 'client_credentials'
  login(input: LoginInput): TokenResult
}

export type ProviderOAuth = AuthorizationCodeProvider | ClientCredentialsProvider
