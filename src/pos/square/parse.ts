import { type RawWebhook, toUtcIso } from '../adapter'
import {
  type DetailsRequest,
  type EventSource,
  identitySignals,
  ignoredEvent,
  type PosEvent,
  type SaleCompleted,
} from '../pos-event'
import { readSquareEnvelope } from './envelope'
import { customerObject, paymentObject, refundObject, type SquarePayment } from './payload'

/** Payment statuses: APPROVED, PENDING, COMPLETED, CANCELED, FAILED. Only COMPLETED is money taken. */
const AWARDABLE_PAYMENT_STATUS = 'COMPLETED'

export function parseSquareWebhook(webhook: RawWebhook): PosEvent[] {
  const env = readSquareEnvelope(webhook)
  if (!env) return [ignoredEvent('square', 'malformed payload')]
  const source: EventSource = { provider: 'square', externalMerchantId: env.merchant_id, providerEventId: env.event_id }
  const ids = { ...source, eventType: env.type }
  const object = env.data?.object

  switch (env.type) {
    case 'payment.created':
    case 'payment.updated': {
      const parsed = paymentObject.safeParse(object)
      if (!parsed.success) return [ignoredEvent('square', 'payment object missing or malformed', ids)]
      const { payment } = parsed.data
      if (payment.status !== AWARDABLE_PAYMENT_STATUS) {
        return [ignoredEvent('square', `payment status ${payment.status} is not COMPLETED`, ids)]
      }
      const sale = saleFromPayment(payment, source)
      return [sale ?? ignoredEvent('square', 'payment has an unreadable timestamp', ids)]
    }
    case 'refund.created':
    case 'refund.updated': {
      const parsed = refundObject.safeParse(object)
      if (!parsed.success) return [ignoredEvent('square', 'refund object missing or malformed', ids)]
      const { refund } = parsed.data
      // refund.created usually arrives PENDING; the money moves when refund.updated says COMPLETED.
      if (refund.status !== 'COMPLETED')
        return [ignoredEvent('square', `refund status ${refund.status} is not COMPLETED`, ids)]
      const occurredAt = toUtcIso(refund.updated_at ?? refund.created_at)
      if (!occurredAt) return [ignoredEvent('square', 'refund has an unreadable timestamp', ids)]
      return [
        {
          ...source,
          type: 'refund',
          originalTransactionId: refund.payment_id,
          refundId: refund.id,
          amount: refund.amount_money.amount,
          currency: refund.amount_money.currency,
          occurredAt,
        },
      ]
    }
    case 'oauth.authorization.revoked': {
      const by = (object as { revocation?: { revoker_type?: unknown } } | undefined)?.revocation?.revoker_type
      return [
        {
          type: 'access_revoked',
          ...source,
          reason: `Square access revoked by ${typeof by === 'string' ? by.toLowerCase() : 'the seller'}`,
        },
      ]
    }
    case 'customer.created':
    case 'customer.updated': {
      const parsed = customerObject.safeParse(object)
      if (!parsed.success) return [ignoredEvent('square', 'customer object missing or malformed', ids)]
      const { customer } = parsed.data
      const identity = identitySignals({ phone: customer.phone_number, email: customer.email_address })
      if (!identity.phone && !identity.email) return [ignoredEvent('square', 'customer has no contact details', ids)]
      return [{ ...source, type: 'customer_linked', providerCustomerId: customer.id, identity }]
    }
    default:
      return [ignoredEvent('square', 'event type not used for loyalty', ids)]
  }
}

/**
 * The payment is the transaction: an order paid by split tender yields one sale per payment.
 * Phone numbers live only on the Customer, so a sale with a customer_id asks for it; without
 * one, the order may still name a customer or a fulfilment recipient.
 */
function saleFromPayment(payment: SquarePayment, source: EventSource): SaleCompleted | null {
  const occurredAt = toUtcIso(payment.created_at)
  if (!occurredAt) return null
  const identity = identitySignals({ email: payment.buyer_email_address, providerCustomerId: payment.customer_id })
  const amounts = {
    total: payment.total_money.amount,
    ...(payment.tip_money && { tip: payment.tip_money.amount }),
  }
  const sale: SaleCompleted = {
    ...source,
    type: 'sale_completed',
    providerTransactionId: payment.id,
    occurredAt,
    identity,
    amounts,
    currency: payment.total_money.currency,
  }
  const needsDetails = detailsFor(identity, payment.order_id)
  return needsDetails ? { ...sale, needsDetails } : sale
}

function detailsFor(identity: SaleCompleted['identity'], orderId: string | undefined): DetailsRequest | undefined {
  if (identity.providerCustomerId)
    return { reason: 'identity_missing', resource: 'customer', resourceId: identity.providerCustomerId }
  if (!identity.email && orderId) return { reason: 'identity_missing', resource: 'order', resourceId: orderId }
  return undefined
}
