import { type FetchContext, type FetchDetailsError, getProviderJson } from '../adapter'
import { type IdentitySignals, identitySignals, type PosEvent, resolvedSale, type SaleCompleted } from '../pos-event'
import type { Result } from '../../shared/result'
import { ok } from '../../shared/result'
import { customerObject, orderObject, type SquareOrder } from './payload'

/**
 * Square webhooks carry the money but rarely the phone: it lives on the Customer
 * (GET /v2/customers/{id}); a payment without a customer_id may name one on its Order
 * (GET /v2/orders/{id}: customer_id, tenders[].customer_id, fulfilment recipients).
 * A customer or order that no longer exists is not a failure: the sale keeps what it has.
 */
export async function fetchSquareDetails(
  sale: SaleCompleted,
  ctx: FetchContext,
): Promise<Result<PosEvent[], FetchDetailsError>> {
  const request = sale.needsDetails
  if (!request) return ok([sale])
  if (sale.amounts === null) throw new TypeError('Square sales always carry amounts')
  let identity: IdentitySignals = sale.identity
  let customerId = request.resource === 'customer' ? request.resourceId : undefined

  if (request.resource === 'order') {
    const order = await getProviderJson(ctx, `/v2/orders/${encodeURIComponent(request.resourceId)}`, orderObject)
    if (!order.ok && order.error.code !== 'not_found') return order
    if (order.ok) {
      customerId = customerIdOf(order.value.order)
      const recipient = recipientOf(order.value.order)
      identity = identitySignals({
        email: identity.email ?? recipient?.email_address,
        phone: identity.phone ?? recipient?.phone_number,
        providerCustomerId: customerId,
      })
    }
  }

  if (customerId) {
    const found = await getProviderJson(ctx, `/v2/customers/${encodeURIComponent(customerId)}`, customerObject)
    if (!found.ok && found.error.code !== 'not_found') return found
    if (found.ok) {
      const { customer } = found.value
      identity = identitySignals({
        email: identity.email ?? customer.email_address,
        phone: identity.phone ?? customer.phone_number,
        providerCustomerId: customerId,
      })
    }
  }
  return ok([resolvedSale(sale, { amounts: sale.amounts, currency: sale.currency, identity })])
}

function customerIdOf(order: SquareOrder): string | undefined {
  return order.customer_id ?? order.tenders?.find((t) => t.customer_id)?.customer_id
}

function recipientOf(order: SquareOrder) {
  for (const f of order.fulfillments ?? []) {
    const recipient = (f.pickup_details ?? f.shipment_details ?? f.delivery_details)?.recipient
    if (recipient?.email_address || recipient?.phone_number) return recipient
  }
  return undefined
}
