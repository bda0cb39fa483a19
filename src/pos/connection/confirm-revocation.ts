// Before a revocation webhook revokes anything, ask the provider where the webhook alone is not
// proof. Shopify's app/uninstalled is HMAC-signed over the body only, so a captured delivery can
// be replayed (even under another shop's X-Shopify-Shop-Domain); a call with the stored token
// tells a real uninstall (401) from a replay (200). Square's revocation signs URL + body and
// names its merchant in the body, so it needs no check.
import type { AppDeps } from '../../infra/deps'
import type { FetchLike } from '../adapter'
import { checkShopAccess } from '../shopify/access-check'
import { connectionAccessToken } from './access-token'
import type { Connection } from './connections.repo'
import { providerApiBase } from './provider-api-base'

export type RevocationCheck = 'confirmed' | 'still_installed'

/** Thrown when the provider cannot be asked right now: the processing job retries later. */
export class RevocationUnconfirmed extends Error {}

export async function confirmRevocation(
  deps: AppDeps,
  c: Connection,
  opts: { fetch?: FetchLike } = {},
): Promise<RevocationCheck> {
  if (c.provider !== 'shopify') return 'confirmed'
  const fetchFn = opts.fetch ?? fetch
  // An expired token would answer 401 while the app is still installed: refresh it first.
  const token = await connectionAccessToken(deps, c, { fetch: fetchFn })
  if (!token.ok) {
    // Already revoked or disconnected: revoking again changes nothing and sends nothing.
    if (token.error.reason === 'paused') return 'confirmed'
    // No token was ever stored (a manual link): nothing can prove the uninstall, so nothing is revoked.
    if (token.error.reason === 'no_token') return 'still_installed'
    throw new RevocationUnconfirmed('the Shopify token could not be refreshed to confirm the uninstall')
  }
  const access = await checkShopAccess({
    fetch: fetchFn,
    baseUrl: providerApiBase(deps.config, c),
    accessToken: token.value,
  })
  if (access === 'unknown') throw new RevocationUnconfirmed('Shopify could not be reached to confirm the uninstall')
  return access === 'uninstalled' ? 'confirmed' : 'still_installed'
}
