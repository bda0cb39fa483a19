import { sumToMinor, toUtcIso } from '../adapter'
import { type EventSource, type IdentitySignals, identitySignals, ignoredEvent, type PosEvent } from '../pos-event'
import type { ToastCustomer, ToastOrder } from './payload'

/** Check payment statuses once the guest has paid (OPEN means still running). */
const PAID = new Set(['PAID', 'CLOSED'])

/**
 * Pure: an Order (from a webhook or GET /orders/v2/orders/{guid}) becomes one sale keyed on
 * the order GUID, summed over its live checks. A voided order reverses itself in full.
 * `fromWebhook` marks sales whose guest phone was redacted, so the job fetches the order.
 */
export function orderToEvent(
  order: ToastOrder,
  ids: EventSource & { eventType: string },
  currency: string,
  fromWebhook: boolean,
): PosEvent {
  const { eventType: _, ...source } = ids
  const checks = order.checks.filter((c) => !c.voided)
  const tips = checks.flatMap((c) => (c.payments ?? []).map((p) => p.tipAmount ?? 0))
  const tip = sumToMinor(tips, currency)
  const subtotal = sumToMinor(
    checks.map((c) => c.amount ?? 0),
    currency,
  )
  const tax = sumToMinor(
    checks.map((c) => c.taxAmount ?? 0),
    currency,
  )
  // totalAmount is amount + tax; the tip is recorded on each payment.
  const total = sumToMinor([...checks.map((c) => c.totalAmount ?? 0), ...tips], currency)
  const occurredAt = toUtcIso(order.paidDate ?? order.closedDate ?? '')
  if (tip === null || subtotal === null || tax === null || total === null) {
    return ignoredEvent('toast', 'order amounts unreadable', ids)
  }

  if (order.voided) {
    if (total <= 0 || !occurredAt) return ignoredEvent('toast', 'voided order moved no money', ids)
    const refundId = `${order.guid}:voided`
    return {
      ...source,
      type: 'refund',
      originalTransactionId: order.guid,
      refundId,
      amount: total,
      currency,
      occurredAt,
    }
  }
  if (checks.length === 0 || !checks.every((c) => PAID.has(c.paymentStatus ?? '')) || !occurredAt) {
    return ignoredEvent('toast', 'order not paid', ids)
  }

  const customer = checks.find((c) => c.customer)?.customer
  const identity = customer ? guestIdentity(customer) : {}
  const sale: PosEvent = {
    ...source,
    type: 'sale_completed',
    providerTransactionId: order.guid,
    occurredAt,
    amounts: { subtotal, tax, tip, total },
    currency,
    identity,
  }
  if (!fromWebhook || !customer || identity.phone) return sale
  return { ...sale, needsDetails: { reason: 'identity_missing', resource: 'order', resourceId: order.guid } }
}

function guestIdentity(customer: ToastCustomer): IdentitySignals {
  const cc = customer.phoneCountryCode?.replace(/^\+/, '')
  const phone = customer.phone && cc && !customer.phone.startsWith('+') ? `+${cc}${customer.phone}` : customer.phone
  return identitySignals({ providerCustomerId: customer.guid, email: customer.email, phone })
}
