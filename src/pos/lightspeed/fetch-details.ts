import { type FetchContext, type FetchDetailsError, getProviderJson } from '../adapter'
import { type PosEvent, resolvedSale, type SaleCompleted } from '../pos-event'
import { ok, type Result } from '../../shared/result'
import { customerIdentity } from './parse'
import { customerResponse } from './payload'

/**
 * A sale that names only a customer_id: GET /api/2.0/customers/{id} (customers:read) for
 * email, phone and mobile. `baseUrl` is the retailer's https://{domain_prefix}.retail.lightspeed.app.
 * A walk-in or deleted customer leaves the sale anonymous rather than failing it.
 */
export async function fetchLightspeedDetails(
  sale: SaleCompleted,
  ctx: FetchContext,
): Promise<Result<PosEvent[], FetchDetailsError>> {
  const request = sale.needsDetails
  if (!request) return ok([sale])
  if (sale.amounts === null) throw new TypeError('Lightspeed sales always carry amounts')
  const found = await getProviderJson(
    ctx,
    `/api/2.0/customers/${encodeURIComponent(request.resourceId)}`,
    customerResponse,
  )
  if (!found.ok && found.error.code !== 'not_found') return found
  const identity = found.ok ? customerIdentity(found.value.data) : {}
  return ok([resolvedSale(sale, { amounts: sale.amounts, currency: sale.currency, identity })])
}
