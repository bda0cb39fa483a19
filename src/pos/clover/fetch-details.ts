import { type FetchContext, type FetchDetailsError, getProviderJson } from '../adapter'
import { type IdentitySignals, identitySignals, type PosEvent, type SaleCompleted } from '../pos-event'
import { ok, type Result } from '../../shared/result'
import { orderToEvents } from './order-to-events'
import { cloverCustomer, cloverOrder } from './payload'

/**
 * Completes a Clover order notice:
 *   GET /v3/merchants/{mId}/orders/{id}?expand=customers,payments,refunds  (total, currency, paymentState)
 *   GET /v3/merchants/{mId}/customers/{cId}?expand=emailAddresses,phoneNumbers  (needs Read customers)
 * Many in-person sales have no customer; a customer that vanished leaves the sale anonymous.
 */
export async function fetchCloverDetails(
  sale: SaleCompleted,
  ctx: FetchContext,
): Promise<Result<PosEvent[], FetchDetailsError>> {
  const request = sale.needsDetails
  if (!request) return ok([sale])
  const merchant = `/v3/merchants/${encodeURIComponent(sale.externalMerchantId)}`
  const order = await getProviderJson(
    ctx,
    `${merchant}/orders/${encodeURIComponent(request.resourceId)}?expand=customers,payments,refunds`,
    cloverOrder,
  )
  if (!order.ok) return order

  let identity: IdentitySignals = {}
  const customerId = order.value.customers?.elements[0]?.id
  if (customerId) {
    const customer = await getProviderJson(
      ctx,
      `${merchant}/customers/${encodeURIComponent(customerId)}?expand=emailAddresses,phoneNumbers`,
      cloverCustomer,
    )
    if (!customer.ok && customer.error.code !== 'not_found') return customer
    identity = identitySignals({
      providerCustomerId: customerId,
      email: customer.ok
        ? customer.value.emailAddresses?.elements.find((e) => e.emailAddress)?.emailAddress
        : undefined,
      phone: customer.ok ? customer.value.phoneNumbers?.elements.find((p) => p.phoneNumber)?.phoneNumber : undefined,
    })
  }
  return ok(orderToEvents(sale, order.value, identity))
}
