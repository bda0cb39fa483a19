// Toast's partner model: no consent page. The restaurant adds SalesArck in Toast's partner
// integrations, then the merchant gives us the restaurant GUID; we check our partner token can
// read that restaurant before linking it. Readable is not owned (any restaurant that enabled
// SalesArck is readable), so the link starts pending with a claim code (ADR 0016).
import type { AppDeps } from '../../infra/deps'
import { AppError } from '../../shared/errors'
import { checkRestaurantAccess } from '../toast/list-sales'
import { parseRestaurantGuid } from '../toast/oauth'
import { linkConnection } from './link-connection'
import type { FetchLike } from '../adapter'
import { partnerToken } from './partner-token'
import { providerSettings } from './provider-settings'
import { newClaimCode } from './claim-code'
import { tokenCipher } from './token-vault'
import type { ConnectActor } from './start-connect'

export async function connectToast(
  deps: AppDeps,
  actor: ConnectActor,
  rawGuid: unknown,
  opts: { fetch?: FetchLike } = {},
): Promise<string> {
  const guid = parseRestaurantGuid(rawGuid)
  if (guid === null)
    throw new AppError('validation_failed', 'Enter the restaurant GUID shown in Toast', {
      fields: { restaurant_guid: 'must be a GUID' },
    })
  const token = await partnerToken(deps, opts.fetch ? { fetch: opts.fetch } : {})
  if (!token.ok) throw new AppError('unavailable', `Toast is not reachable right now: ${token.error.reason}`)
  const baseUrl = providerSettings(deps.config, 'toast').apiBaseUrl ?? ''
  const access = await checkRestaurantAccess(
    { fetch: opts.fetch ?? fetch, baseUrl, accessToken: token.value.accessToken },
    guid,
    deps.clock(),
  )
  if (access === 'forbidden')
    throw new AppError(
      'forbidden',
      'Toast says SalesArck is not added to this restaurant yet. Add it under Toast partner integrations, then try again.',
    )
  if (access !== 'ok') throw new AppError('unavailable', 'Toast is not reachable right now; try again in a minute')
  const ownershipClaimEnc = await (await tokenCipher(deps.config)).encrypt(newClaimCode())
  return linkConnection(deps, {
    tenantId: actor.tenantId,
    provider: 'toast',
    externalMerchantId: guid,
    authMode: 'partner',
    tokens: null,
    grant: 'partner',
    ownershipClaimEnc,
  })
}
