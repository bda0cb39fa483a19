// Step two: the provider sends the browser back to GET /oauth/{provider}/callback. The state
// must be one this very merchant started, unexpired and unused; only then is the code exchanged.
import { and, eq, gt } from 'drizzle-orm'
import type { AppDeps } from '../../infra/deps'
import { inTenant } from '../../infra/scope'
import { AppError } from '../../shared/errors'
import { confirmCloverMerchant } from '../clover/merchant'
import { fetchRetailerId } from '../lightspeed/list-sales'
import { parseDomainPrefix } from '../lightspeed/oauth'
import { parseShopDomain, verifyCallbackHmac } from '../shopify/oauth'
import { posOauthStates } from './connection.schema'
import type { ConnectActor } from './start-connect'
import { linkConnection } from './link-connection'
import type { FetchLike } from '../adapter'
import { type PosProvider, providerName } from '../registry'
import { parseOAuthState } from './oauth-pkce-state'
import { oauthProvider } from './oauth-registry'
import { callbackUrl, providerSettings } from './provider-settings'

const invalidState = () =>
  new AppError('bad_request', 'This connect link has expired or was already used. Start again from Connections.')

export async function completeConnect(
  deps: AppDeps,
  actor: ConnectActor,
  provider: PosProvider,
  query: URLSearchParams,
  opts: { fetch?: FetchLike } = {},
): Promise<string> {
  const p = oauthProvider(provider)
  if (p?.flow !== 'authorization_code')
    throw new AppError('not_found', `${providerName(provider)} connects without a consent page`)
  const state = parseOAuthState(query.get('state'))
  if (state === null) throw invalidState()
  const now = deps.clock()
  // DELETE … RETURNING: the state is consumed by the first callback that presents it, and only
  // when the signed-in merchant (tenant and user) is the one who started the flow.
  const [saved] = await inTenant(deps.dbh.db, { tenantId: actor.tenantId }, (tx) =>
    tx
      .delete(posOauthStates)
      .where(
        and(
          eq(posOauthStates.state, state),
          eq(posOauthStates.userId, actor.userId),
          eq(posOauthStates.provider, provider),
          gt(posOauthStates.expiresAt, now),
        ),
      )
      .returning(),
  )
  if (!saved) throw invalidState()
  if (query.get('error')) throw new AppError('bad_request', 'The connection was not approved on the provider’s page')
  const code = query.get('code')
  if (!code) throw new AppError('bad_request', 'The provider did not return an authorization code')

  const s0 = providerSettings(deps.config, provider)
  const shop = provider === 'shopify' ? parseShopDomain(query.get('shop')) : null
  if (provider === 'shopify') {
    // Without the HMAC anyone could hand us a shop and code of their choosing.
    if (!shop || shop !== saved.shop || !s0.clientSecret || !verifyCallbackHmac(query, s0.clientSecret, now)) {
      throw new AppError('bad_request', 'The Shopify callback could not be verified')
    }
  }
  const domainPrefix = provider === 'lightspeed' ? parseDomainPrefix(query.get('domain_prefix')) : null
  if (provider === 'lightspeed' && !domainPrefix) throw new AppError('bad_request', 'Lightspeed did not name the store')
  const s = providerSettings(deps.config, provider, { ...(shop && { shop }), ...(domainPrefix && { domainPrefix }) })
  const origin = p.tokenOrigin(s.origin)
  if (!origin.ok) throw new AppError('bad_request', origin.error.reason)
  const fetchFn = opts.fetch ?? fetch
  const exchanged = await p.exchangeCode({
    fetch: fetchFn,
    baseUrl: origin.value,
    clientId: s.clientId ?? '',
    ...(saved.codeVerifier
      ? { codeVerifier: saved.codeVerifier }
      : s.clientSecret !== undefined
        ? { clientSecret: s.clientSecret }
        : {}),
    code,
    redirectUri: callbackUrl(deps.config, provider),
    now,
  })
  // The reason is ours and token-free; provider bodies never reach the merchant.
  if (!exchanged.ok)
    throw new AppError(
      exchanged.error.kind === 'retryable' ? 'unavailable' : 'bad_request',
      `Connecting failed: ${exchanged.error.reason}`,
    )
  const tokens = exchanged.value

  let externalMerchantId: string | null = null
  let externalAlias: string | undefined
  if (provider === 'square') externalMerchantId = tokens.externalMerchantId ?? null
  if (provider === 'clover')
    externalMerchantId = await confirmedCloverMerchant(
      fetchFn,
      origin.value,
      tokens.accessToken,
      query.get('merchant_id'),
    )
  if (provider === 'shopify') externalMerchantId = shop
  if (provider === 'lightspeed' && domainPrefix) {
    const api = s.apiBaseUrl ?? `https://${domainPrefix}.retail.lightspeed.app`
    const retailerId = await fetchRetailerId({ fetch: fetchFn, baseUrl: api, accessToken: tokens.accessToken })
    // Both ids are kept: deliveries name the retailer id, the domain_prefix, or both.
    externalMerchantId = retailerId ?? domainPrefix
    if (retailerId && retailerId !== domainPrefix) externalAlias = domainPrefix
  }
  if (!externalMerchantId) throw new AppError('bad_request', 'The provider did not say which merchant account this is')
  return linkConnection(deps, {
    tenantId: actor.tenantId,
    provider,
    externalMerchantId,
    authMode: 'oauth',
    tokens,
    grant: saved.codeVerifier ? 'pkce' : 'code',
    ...(domainPrefix && { tokenHost: domainPrefix }),
    ...(externalAlias && { externalAlias }),
  })
}

/**
 * The `merchant_id` on Clover's redirect is only a claim (anyone can edit a URL): the id we link
 * is the one Clover's API confirms for the token just issued, or nothing is connected.
 */
export async function confirmedCloverMerchant(
  fetchFn: FetchLike,
  apiBase: string,
  accessToken: string,
  claimed: string | null,
): Promise<string> {
  if (!claimed || !/^[A-Z0-9]{1,64}$/i.test(claimed))
    throw new AppError('bad_request', 'Clover did not say which merchant account this is')
  const confirmed = await confirmCloverMerchant({ fetch: fetchFn, baseUrl: apiBase, accessToken }, claimed)
  if (confirmed.ok) return confirmed.value.id
  if (confirmed.error.code === 'mismatch') throw new AppError('bad_request', MERCHANT_MISMATCH)
  throw new AppError('unavailable', 'Clover is not reachable right now; try again in a minute')
}

export const MERCHANT_MISMATCH =
  'Clover says this approval belongs to a different merchant account, so nothing was connected'
