// Shared OAuth building blocks for every POS provider: PKCE, the `state` token, the normalised
// TokenSet, and one error classification so the shell reacts the same way to every provider.
// Near-pure: no clock, no randomness, no env — `now`, random bytes and `fetch` come in as arguments.
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import { err, ok, type Result } from '../../shared/result'
import type { PosProvider } from '../registry'

/** What every provider's token response is normalised into. Store it encrypted (token-cipher). */
export type TokenSet = {
  accessToken: string
  /** Absent only when the provider issues none (Toast, legacy non-expiring tokens). */
  refreshToken?: string
  expiresAt?: Date
  /** Only some providers tell us (Clover, Square PKCE, Shopify); used to warn before it lapses. */
  refreshTokenExpiresAt?: Date
  scopes?: string[]
  /** Set only when the token response itself names the merchant (Square `merchant_id`). */
  externalMerchantId?: string
}

type Maybe<T> = T | undefined

/**
 * A TokenSet from what a token response carried. A response without a refresh token keeps the
 * previous one (non-rotating providers omit it; losing it would strand the connection).
 */
export function tokenSet(
  accessToken: string,
  parts: {
    refreshToken: Maybe<string>
    previousRefreshToken: Maybe<string>
    expiresAt?: Maybe<Date>
    refreshTokenExpiresAt?: Maybe<Date>
    scopes?: Maybe<string[]>
    externalMerchantId?: Maybe<string>
  },
): TokenSet {
  const refreshToken = parts.refreshToken ?? parts.previousRefreshToken
  return {
    accessToken,
    ...(refreshToken !== undefined && { refreshToken }),
    ...(parts.expiresAt !== undefined && { expiresAt: parts.expiresAt }),
    ...(parts.refreshTokenExpiresAt !== undefined && { refreshTokenExpiresAt: parts.refreshTokenExpiresAt }),
    ...(parts.scopes !== undefined && { scopes: parts.scopes }),
    ...(parts.externalMerchantId !== undefined && { externalMerchantId: parts.externalMerchantId }),
  }
}

/**
 * revoked   — the grant is gone (`invalid_grant`): only the merchant reconnecting fixes it.
 * retryable — 5xx, 408, 429 or no response: try again later with backoff.
 * invalid   — anything else (bad client credentials, malformed request or response): a bug or
 *             misconfiguration an operator must fix; retrying will not help.
 */
export type OAuthErrorKind = 'revoked' | 'retryable' | 'invalid'

export type OAuthError = {
  kind: OAuthErrorKind
  /** HTTP status, or null when no response arrived (network error, refused redirect). */
  status: number | null
  /** The provider's machine-readable code (`invalid_grant`, `RATE_LIMITED`…), never free text. */
  providerCode: string | null
  /** Short description written by us, safe to show and log: never contains tokens or bodies. */
  reason: string
}

/** The subset of `fetch` we use, so tests and the shell can inject their own (timeouts, metrics). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

// RFC 7636 §4.1: 32 random bytes → a 43-char base64url verifier (256 bits, the spec's advice).
const MIN_RANDOM_BYTES = 32

export type Pkce = { verifier: string; challenge: string; method: 'S256' }

/** PKCE pair from caller-supplied CSPRNG bytes. Keep `verifier` server-side; send `challenge`. */
export function createPkce(randomBytes: Uint8Array): Pkce {
  assertEntropy(randomBytes, 'PKCE verifier')
  const verifier = Buffer.from(randomBytes).toString('base64url')
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' }
}

/** S256 challenge: BASE64URL(SHA-256(ASCII(verifier))) per RFC 7636 §4.2. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

// The `state` is an opaque single-use nonce. The shell stores it server-side with the tenant,
// user, provider and PKCE verifier (api-v1: "state bound to the signed-in merchant, single use"),
// so nothing is encoded in it and there is nothing to forge.
const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** How long a connect attempt may take before its state is refused. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000

export function createOAuthState(randomBytes: Uint8Array): string {
  assertEntropy(randomBytes, 'OAuth state')
  return Buffer.from(randomBytes.subarray(0, MIN_RANDOM_BYTES)).toString('base64url')
}

/** Cheap shape check so a garbage `state` query parameter never reaches the database. */
export function parseOAuthState(raw: unknown): string | null {
  return typeof raw === 'string' && STATE_PATTERN.test(raw) ? raw : null
}

function assertEntropy(bytes: Uint8Array, what: string): void {
  // A short buffer is a programmer error (wrong argument), so it throws instead of returning.
  if (bytes.length < MIN_RANDOM_BYTES) throw new TypeError(`${what} needs at least ${MIN_RANDOM_BYTES} random bytes`)
}

/** Space- or comma-separated scope string → list (Shopify uses commas, the others spaces). */
export function splitScopes(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined
  return raw.split(/[\s,]+/).filter((s) => s.length > 0)
}

export function expiresInToDate(now: Date, seconds: number | undefined): Date | undefined {
  return seconds === undefined ? undefined : new Date(now.getTime() + seconds * 1000)
}

export type TokenRequest<T> = {
  fetch: FetchLike
  url: string
  body: { json: Record<string, unknown> } | { form: Record<string, string> }
  /** The documented success body; anything else is `invalid`, never a half-filled TokenSet. */
  schema: z.ZodType<T>
  toTokenSet: (data: T) => TokenSet
}

/**
 * POSTs to a token endpoint and normalises the answer into a TokenSet or a classified error.
 * Redirects are refused: following a 307/308 would resend our client secret to another host.
 */
export async function requestTokens<T>(req: TokenRequest<T>): Promise<Result<TokenSet, OAuthError>> {
  const isJson = 'json' in req.body
  let res: Response
  try {
    res = await req.fetch(req.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        accept: 'application/json',
        'content-type': isJson ? 'application/json' : 'application/x-www-form-urlencoded',
      },
      body: 'json' in req.body ? JSON.stringify(req.body.json) : new URLSearchParams(req.body.form).toString(),
    })
  } catch {
    return err({ kind: 'retryable', status: null, providerCode: null, reason: 'token endpoint unreachable' })
  }
  const body: unknown = await res.json().catch(() => undefined)
  if (res.status < 200 || res.status >= 300) return err(classifyTokenError(res.status, body))
  const parsed = req.schema.safeParse(body)
  if (!parsed.success) {
    return err({
      kind: 'invalid',
      status: res.status,
      providerCode: null,
      reason: 'token endpoint returned an unexpected body',
    })
  }
  return ok(req.toTokenSet(parsed.data))
}

/** RFC 6749 §5.2 `invalid_grant` means the grant is dead; server trouble is worth a retry. */
export function classifyTokenError(status: number, body: unknown): OAuthError {
  const providerCode = extractProviderCode(body)
  if (providerCode?.toLowerCase() === 'invalid_grant') {
    return { kind: 'revoked', status, providerCode, reason: 'provider rejected the grant (invalid_grant)' }
  }
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'retryable', status, providerCode, reason: `token endpoint answered HTTP ${status}` }
  }
  const redirected = status >= 300 && status < 400
  const reason = redirected
    ? `token endpoint redirected (HTTP ${status})`
    : `token endpoint refused the request (HTTP ${status})`
  return { kind: 'invalid', status, providerCode, reason }
}

// Only short identifier-like codes are kept: provider free text can echo request values.
const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/

function extractProviderCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null
  const b = body as Record<string, unknown>
  // RFC 6749 `error`; Square v2 `errors[0].code`; a numeric or string `code` (Toast-style).
  const first = Array.isArray(b.errors) ? (b.errors[0] as Record<string, unknown> | undefined) : undefined
  for (const candidate of [b.error, first?.code, b.code]) {
    const code = typeof candidate === 'number' ? String(candidate) : candidate
    if (typeof code === 'string' && CODE_PATTERN.test(code)) return code
  }
  return null
}

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

export type OriginContext = {
  /** `<PROVIDER>_API_BASE_URL` (sandbox, fakes in tests): replaces every provider origin. */
  override?: string
  environment?: 'production' | 'sandbox'
  /** Clover data region. */
  region?: 'na' | 'eu' | 'la'
  /** Shopify shop domain from the install link or callback (untrusted until validated). */
  shop?: string
  /** Lightspeed `domain_prefix` from the callback (untrusted until validated). */
  domainPrefix?: string
}

export function invalidOrigin(reason: string): OAuthError {
  return { kind: 'invalid', status: null, providerCode: null, reason }
}

/** The override origin when one is configured, else the provider's own origin. */
export function originOr(
  ctx: OriginContext,
  providerOrigin: () => Result<string, OAuthError>,
): Result<string, OAuthError> {
  return ctx.override === undefined ? providerOrigin() : parseOverride(ctx.override)
}

/** Accepts only a bare http(s) origin, so a typo in an env override fails loudly at startup. */
function parseOverride(override: string): Result<string, OAuthError> {
  let url: URL
  try {
    url = new URL(override)
  } catch {
    return err(invalidOrigin('API base URL override is not a URL'))
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search !== '') {
    return err(invalidOrigin('API base URL override must be a bare http(s) origin'))
  }
  return ok(url.origin)
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
