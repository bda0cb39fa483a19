// Which origin a provider's OAuth calls go to: its own, or the `<PROVIDER>_API_BASE_URL` override
// (sandbox, fakes in tests), which must be a bare http(s) origin.
import { err, ok, type Result } from '../../shared/result'
import type { OAuthError } from './oauth-error'

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
