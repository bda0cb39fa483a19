// Fills in a sale that the webhook only announced (Clover notices) or that lacks the phone
// number (Square, Toast, Lightspeed keep it on a record to fetch). Runs before the database
// transaction: a provider call never holds row locks.
import type { AppDeps } from '../../infra/deps'
import { connectionAccessToken } from '../connection/access-token'
import { getConnection } from '../connection/connections.repo'
import { providerApiBase } from '../connection/provider-api-base'
import { asSystem } from '../../infra/scope'
import type { PosAdapter } from '../adapter'
import type { PosEvent, SaleCompleted } from '../pos-event'
import { PermanentIngestError, RetryLaterError } from './errors'

/** A sale that only lacks a phone number can still earn on what it carried (an email). */
const withoutRequest = (sale: SaleCompleted): PosEvent[] => {
  const { needsDetails: _, ...rest } = sale
  return [rest as SaleCompleted]
}

export async function completeDetails(
  deps: AppDeps,
  adapter: PosAdapter,
  connectionId: string,
  sale: SaleCompleted,
  fallbackCurrency: string,
): Promise<PosEvent[]> {
  const request = sale.needsDetails
  if (!request) return [sale]
  const optional = request.reason === 'identity_missing'
  const connection = await asSystem(deps.dbh.db, (tx) => getConnection(tx, connectionId))
  // A manual link (admin, no OAuth) has no token to use or refresh; Toast's token is the partner's.
  const hasToken = connection && (connection.authMode !== 'manual' || connection.provider === 'toast')
  const token = hasToken && adapter.fetchDetails ? await connectionAccessToken(deps, connection) : null
  if (!connection || !adapter.fetchDetails || !token?.ok) {
    // A merchant linked by an admin without OAuth has no token: events that carry the sale
    // and an identity still earn (api-v1.md); a bare notice cannot be processed until it does.
    if (optional) return withoutRequest(sale)
    throw new PermanentIngestError(
      'the sale is a notice and the connection has no usable token; replay it after connecting',
    )
  }
  const fetched = await adapter.fetchDetails(
    sale,
    { fetch, baseUrl: providerApiBase(deps.config, connection), accessToken: token.value },
    { fallbackCurrency },
  )
  if (fetched.ok) return fetched.value
  const code = fetched.error.code
  if (code === 'rate_limited' || code === 'unavailable' || code === 'unauthorized')
    throw new RetryLaterError(`provider details fetch: ${code}`)
  if (optional) return withoutRequest(sale)
  throw new PermanentIngestError(`provider details fetch: ${code}`)
}
