import { type FetchContext, type FetchDetailsError, getProviderJson } from '../adapter'
import type { PosEvent, SaleCompleted } from '../pos-event'
import { ok, type Result } from '../../shared/result'
import { orderToEvent } from './order-to-event'
import { toastOrder } from './payload'

/**
 * Webhooks omit guest name and phone; GET /orders/v2/orders/{guid} returns them with the
 * guest.pi:read scope. Every Toast API call names the restaurant in Toast-Restaurant-External-ID.
 */
export async function fetchToastDetails(
  sale: SaleCompleted,
  ctx: FetchContext,
): Promise<Result<PosEvent[], FetchDetailsError>> {
  const request = sale.needsDetails
  if (!request) return ok([sale])
  if (sale.currency === null) throw new TypeError('Toast sales always carry amounts')
  const order = await getProviderJson(ctx, `/orders/v2/orders/${encodeURIComponent(request.resourceId)}`, toastOrder, {
    'toast-restaurant-external-id': sale.externalMerchantId,
  })
  if (!order.ok) return order
  const ids = {
    provider: sale.provider,
    externalMerchantId: sale.externalMerchantId,
    providerEventId: sale.providerEventId,
    eventType: 'order_updated',
  }
  return ok([orderToEvent(order.value, ids, sale.currency, false)])
}
