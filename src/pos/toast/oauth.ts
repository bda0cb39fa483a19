// Toast partner authentication (pos-providers.md § Toast › Authentication). There is no merchant
// consent page and no per-restaurant token: one client-credentials token for our partner client
// serves every restaurant that added the integration, and each call names the restaurant in a
// header. Restaurants are found via the `partners` webhook / GET /partners/v1/restaurants.
import { z } from 'zod'
import { ok, type Result } from '../../shared/result'
import type { OAuthError } from '../connection/oauth-error'
import { type OriginContext, originOr } from '../connection/oauth-origin'
import type { LoginInput } from '../connection/oauth-provider'
import { requestTokens } from '../connection/oauth-token-request'
import { expiresInToDate, splitScopes, type TokenSet } from '../connection/oauth-token-set'

// Toast hands out hostnames at onboarding; these commonly seen values are unconfirmed, so set
// TOAST_API_BASE_URL to what Toast gave you.
const PRODUCTION = 'https://ws-api.toasttab.com'
const SANDBOX = 'https://ws-sandbox-api.eng.toasttab.com'

export function tokenOrigin(ctx: OriginContext): Result<string, OAuthError> {
  return originOr(ctx, () => ok(ctx.environment === 'sandbox' ? SANDBOX : PRODUCTION))
}

const loginResponse = z.object({
  token: z.object({
    accessToken: z.string().min(1),
    // 86400 in the sample, varies by environment: always read it.
    expiresIn: z.number().positive(),
    scope: z.string().nullish(),
  }),
})

/**
 * Client-credentials login. No refresh token exists: when the token nears expiry, log in again
 * (the refresh plan treats that as the "refresh"). Scopes (`orders:read`, `guest.pi:read`…) are
 * assigned to the client by Toast, not requested here.
 */
export function login(input: LoginInput): Promise<Result<TokenSet, OAuthError>> {
  return requestTokens({
    fetch: input.fetch,
    url: new URL('/authentication/v1/authentication/login', input.baseUrl).toString(),
    body: {
      json: { clientId: input.clientId, clientSecret: input.clientSecret, userAccessType: 'TOAST_MACHINE_CLIENT' },
    },
    schema: loginResponse,
    toTokenSet: ({ token }) => {
      const expiresAt = expiresInToDate(input.now, token.expiresIn)
      const scopes = splitScopes(token.scope ?? undefined)
      return {
        accessToken: token.accessToken,
        ...(expiresAt !== undefined && { expiresAt }),
        ...(scopes !== undefined && { scopes }),
      }
    },
  })
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A restaurant GUID (the connection's external id), lower-cased, or null if malformed. */
export function parseRestaurantGuid(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const guid = raw.trim().toLowerCase()
  return GUID.test(guid) ? guid : null
}

/** Headers for any Toast API call on behalf of one restaurant (rate limits apply per restaurant). */
export function restaurantHeaders(accessToken: string, restaurantGuid: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}`, 'Toast-Restaurant-External-ID': restaurantGuid }
}
