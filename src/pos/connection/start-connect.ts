// Step one of connecting a POS: remember a single-use `state` bound to the signed-in merchant
// (and the PKCE verifier), then send the browser to the provider's consent page.
import type { AppDeps } from '../../infra/deps'
import { inTenant } from '../../infra/scope'
import { AppError } from '../../shared/errors'
import { parseShopDomain } from '../shopify/oauth'
import { posOauthStates } from './connection.schema'
import type { PosProvider } from '../registry'
import { createOAuthState, createPkce, OAUTH_STATE_TTL_MS } from './oauth-pkce-state'
import { oauthProvider } from './oauth-registry'
import { callbackUrl, providerSettings } from './provider-settings'

export type ConnectActor = { tenantId: string; userId: string }

/** Where to send the browser. Toast has no consent page: the merchant names the restaurant in our portal. */
export async function startConnect(
  deps: AppDeps,
  actor: ConnectActor,
  provider: PosProvider,
  input: { shop?: string },
): Promise<string> {
  const p = oauthProvider(provider)
  if (!p) throw new AppError('not_found', `${provider} connections are not available on this server`)
  if (p.flow !== 'authorization_code') return '/merchant/connections/toast'
  const shop = provider === 'shopify' ? parseShopDomain(input.shop) : null
  if (provider === 'shopify' && shop === null)
    throw new AppError('validation_failed', 'Enter your Shopify shop domain (name.myshopify.com)', {
      fields: { shop: 'must look like name.myshopify.com' },
    })
  const s = providerSettings(deps.config, provider, shop ? { shop } : {})
  // Not configured here = the feature does not exist on this deployment (404), not an outage.
  if (!s.clientId) throw new AppError('not_found', `${provider} connections are not available on this server`)
  const origin = p.authorizeOrigin(s.origin)
  if (!origin.ok) throw new AppError('bad_request', origin.error.reason)
  const state = createOAuthState(crypto.getRandomValues(new Uint8Array(32)))
  // PKCE is for clients that cannot keep a secret. With our secret configured we use the code
  // flow, whose Square refresh tokens are multi-use; without one, PKCE where the provider has it.
  const pkce = p.pkce && !s.clientSecret ? createPkce(crypto.getRandomValues(new Uint8Array(32))) : null
  const now = deps.clock()
  await inTenant(deps.dbh.db, { tenantId: actor.tenantId }, (tx) =>
    tx.insert(posOauthStates).values({
      state,
      tenantId: actor.tenantId,
      userId: actor.userId,
      provider,
      codeVerifier: pkce?.verifier ?? null,
      shop,
      expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
      createdAt: now,
    }),
  )
  return p.authorizeUrl({
    baseUrl: origin.value,
    clientId: s.clientId,
    redirectUri: callbackUrl(deps.config, provider),
    state,
    scopes: p.scopes,
    ...(pkce && { codeChallenge: pkce.challenge }),
  })
}
