import { toUtcIso } from '../adapter'
import {
  type IdentitySignals,
  ignoredEvent,
  type PosEvent,
  type Refund,
  resolvedSale,
  type SaleCompleted,
} from '../pos-event'
import type { CloverOrder } from './payload'

/** paymentState values of an order that was paid at some point (refunds come on top). */
const PAID_STATES = new Set(['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED'])

/**
 * Pure: a fetched order (expanded with payments and refunds) becomes the sale plus one refund
 * per Clover refund. Every UPDATE notice re-derives the same events with the same ids, so the
 * ledger's idempotency on transaction and refund ids absorbs the repeats.
 */
export function orderToEvents(notice: SaleCompleted, order: CloverOrder, identity: IdentitySignals): PosEvent[] {
  const ids = {
    externalMerchantId: notice.externalMerchantId,
    providerEventId: notice.providerEventId,
    eventType: 'O:UPDATE',
  }
  if (!order.paymentState || !PAID_STATES.has(order.paymentState))
    return [ignoredEvent('clover', 'order not paid', ids)]

  // A payment's result is SUCCESS once captured; declined or voided attempts stay on the order.
  const payments = (order.payments?.elements ?? []).filter((p) => p.result === undefined || p.result === 'SUCCESS')
  const tip = payments.reduce((sum, p) => sum + (p.tipAmount ?? 0), 0)
  const tax = payments.reduce((sum, p) => sum + (p.taxAmount ?? 0), 0)
  const paidAt = Math.max(...payments.map((p) => p.createdTime ?? 0), order.createdTime ?? 0)

  const sale = resolvedSale(notice, {
    // The order total excludes the tip, which Clover records on each payment.
    amounts: { total: order.total + tip, tip, tax },
    currency: order.currency,
    identity,
    occurredAt: (paidAt > 0 && toUtcIso(paidAt)) || notice.occurredAt,
  })
  const refunds = (order.refunds?.elements ?? []).map(
    (r): Refund => ({
      type: 'refund',
      provider: 'clover',
      externalMerchantId: notice.externalMerchantId,
      providerEventId: notice.providerEventId,
      originalTransactionId: order.id,
      refundId: r.id,
      amount: r.amount,
      currency: order.currency,
      occurredAt: (r.createdTime !== undefined && toUtcIso(r.createdTime)) || sale.occurredAt,
    }),
  )
  return [sale, ...refunds]
}
