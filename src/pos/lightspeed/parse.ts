import { type ParseOptions, type RawWebhook, sumToMinor, toUtcIso } from '../adapter'
import { type EventSource, type IdentitySignals, identitySignals, ignoredEvent, type PosEvent } from '../pos-event'
import { readLightspeedDelivery } from './envelope'
import { type LightspeedCustomer, type LightspeedSale, lightspeedCustomer, lightspeedSale } from './payload'

/** Sale statuses meaning the sale is finished and paid (plain, on-account and layby sales). */
const CLOSED_STATUSES = new Set(['CLOSED', 'ONACCOUNT_CLOSED', 'LAYBY_CLOSED'])

export function parseLightspeedWebhook(webhook: RawWebhook, options: ParseOptions = {}): PosEvent[] {
  const delivery = readLightspeedDelivery(webhook)
  if (!delivery) return [ignoredEvent('lightspeed', 'malformed payload')]
  const source: EventSource = {
    provider: 'lightspeed',
    externalMerchantId: delivery.retailerId,
    providerEventId: delivery.providerEventId,
  }
  const ids = { ...source, eventType: delivery.type }

  if (delivery.type === 'sale.update') {
    const parsed = lightspeedSale.safeParse(delivery.payload)
    if (!parsed.success) return [ignoredEvent('lightspeed', 'sale payload malformed', ids)]
    return [saleToEvent(parsed.data, ids, options)]
  }
  if (delivery.type === 'customer.update') {
    const parsed = lightspeedCustomer.safeParse(delivery.payload)
    if (!parsed.success) return [ignoredEvent('lightspeed', 'customer payload malformed', ids)]
    const identity = customerIdentity(parsed.data)
    if (!identity.providerCustomerId || (!identity.email && !identity.phone)) {
      return [ignoredEvent('lightspeed', 'customer is walk-in or has no contact details', ids)]
    }
    return [{ ...source, type: 'customer_linked', providerCustomerId: identity.providerCustomerId, identity }]
  }
  return [ignoredEvent('lightspeed', 'event type not used for loyalty', ids)]
}

/** The walk-in customer is shared by every anonymous sale, so it identifies nobody. */
export function customerIdentity(customer: LightspeedCustomer): IdentitySignals {
  if (customer.customer_code === 'WALKIN') return {}
  return identitySignals({
    providerCustomerId: customer.id,
    email: customer.email,
    // mobile is the number people give at the till; phone is often a landline.
    phone: customer.mobile || customer.phone,
  })
}

/**
 * sale.update fires on every change (several times for layby and account sales), so only
 * closed sales count. A return is a new sale with a negative total and `return_for` naming the
 * original; a voided sale reverses itself in full (a no-op downstream if it was never awarded).
 */
function saleToEvent(sale: LightspeedSale, ids: EventSource & { eventType: string }, options: ParseOptions): PosEvent {
  const { eventType: _, ...source } = ids
  const isVoid = sale.status === 'VOIDED'
  if (!isVoid && !CLOSED_STATUSES.has(sale.status)) return ignoredEvent('lightspeed', 'sale not closed', ids)
  const currency = sale.register_sale_payments?.find((p) => p.currency)?.currency ?? options.fallbackCurrency ?? 'USD'
  // total_price is tax-exclusive and can carry 5 decimals ("13.04348"): add exactly, round once.
  const total = sumToMinor([sale.total_price, sale.total_tax], currency)
  const subtotal = sumToMinor([sale.total_price], currency)
  const tax = sumToMinor([sale.total_tax], currency)
  const occurredAt = toUtcIso(sale.sale_date)
  if (total === null || subtotal === null || tax === null || occurredAt === null) {
    return ignoredEvent('lightspeed', 'sale amounts or date unreadable', ids)
  }

  if (isVoid || total < 0) {
    const originalTransactionId = isVoid ? sale.id : sale.return_for
    if (!originalTransactionId) return ignoredEvent('lightspeed', 'return without an original sale id', ids)
    return {
      ...source,
      type: 'refund',
      originalTransactionId,
      refundId: isVoid ? `${sale.id}:voided` : sale.id,
      amount: Math.abs(total),
      currency,
      occurredAt,
    }
  }
  const identity = sale.customer
    ? customerIdentity(sale.customer)
    : identitySignals({ providerCustomerId: sale.customer_id })
  const completed: PosEvent = {
    ...source,
    type: 'sale_completed',
    providerTransactionId: sale.id,
    occurredAt,
    amounts: { subtotal, tax, total },
    currency,
    identity,
  }
  // Only an id and no embedded customer: contact details (and the walk-in check) need a fetch.
  if (sale.customer || !identity.providerCustomerId) return completed
  return {
    ...completed,
    needsDetails: { reason: 'identity_missing', resource: 'customer', resourceId: identity.providerCustomerId },
  }
}
