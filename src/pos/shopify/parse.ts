import { decimalToMinor, type RawWebhook, sumToMinor, toUtcIso } from '../adapter'
import { type EventSource, identitySignals, ignoredEvent, type PosEvent, type SaleAmounts } from '../pos-event'
import { COMPLIANCE_TOPICS, parseComplianceWebhook } from './compliance'
import { readShopifyDelivery } from './envelope'
import { type ShopifyOrder, type ShopifyRefund, shopifyCustomer, shopifyOrder, shopifyRefund } from './payload'

/** orders/create and orders/updated also carry paid POS sales; awarding is idempotent on the order id. */
const ORDER_TOPICS = new Set(['orders/paid', 'orders/create', 'orders/updated'])

export function parseShopifyWebhook(webhook: RawWebhook): PosEvent[] {
  const delivery = readShopifyDelivery(webhook)
  if (!delivery) return [ignoredEvent('shopify', 'malformed payload or missing Shopify headers')]
  const source: EventSource = {
    provider: 'shopify',
    externalMerchantId: delivery.shop,
    providerEventId: delivery.eventId,
  }
  const ids = { ...source, eventType: delivery.topic }
  const { topic, body } = delivery

  if (ORDER_TOPICS.has(topic)) {
    const parsed = shopifyOrder.safeParse(body)
    if (!parsed.success) return [ignoredEvent('shopify', 'order payload malformed', ids)]
    const order = parsed.data
    if (order.cancelled_at) return [ignoredEvent('shopify', 'order cancelled', ids)]
    // orders/paid fires once the order is fully paid; the other topics fire at any stage.
    if (topic !== 'orders/paid' && order.financial_status !== 'paid')
      return [ignoredEvent('shopify', 'order not paid', ids)]
    return [orderToSale(order, source) ?? ignoredEvent('shopify', 'order amounts or dates unreadable', ids)]
  }
  if (topic === 'refunds/create') {
    const parsed = shopifyRefund.safeParse(body)
    if (!parsed.success) return [ignoredEvent('shopify', 'refund payload malformed', ids)]
    return [refundToEvent(parsed.data, source) ?? ignoredEvent('shopify', 'refund moved no money', ids)]
  }
  if (topic === 'customers/create' || topic === 'customers/update') {
    const parsed = shopifyCustomer.safeParse(body)
    if (!parsed.success) return [ignoredEvent('shopify', 'customer payload malformed', ids)]
    const identity = identitySignals({ email: parsed.data.email, phone: parsed.data.phone })
    if (!identity.email && !identity.phone) return [ignoredEvent('shopify', 'customer has no contact details', ids)]
    return [{ ...source, type: 'customer_linked', providerCustomerId: parsed.data.id, identity }]
  }
  if (topic === 'app/uninstalled')
    return [{ type: 'access_revoked', ...source, reason: 'The Shopify app was uninstalled' }]
  if (topic in COMPLIANCE_TOPICS) return parseComplianceWebhook(webhook, topic, body, source)
  return [ignoredEvent('shopify', 'topic not used for loyalty', ids)]
}

function orderToSale(order: ShopifyOrder, source: EventSource): PosEvent | null {
  const currency = order.currency
  const total = decimalToMinor(order.total_price, currency)
  const occurredAt = toUtcIso(order.processed_at ?? order.created_at)
  if (total === null || occurredAt === null) return null
  const minor = (value: string | number | null | undefined) =>
    value == null ? undefined : (decimalToMinor(value, currency) ?? undefined)
  const amounts: SaleAmounts = { total }
  const subtotal = minor(order.subtotal_price)
  const discount = minor(order.total_discounts)
  const tax = minor(order.total_tax)
  const tip = minor(order.total_tip_received)
  if (subtotal !== undefined) amounts.subtotal = subtotal
  if (discount !== undefined) amounts.discount = discount
  if (tax !== undefined) amounts.tax = tax
  if (tip !== undefined) amounts.tip = tip
  return {
    ...source,
    type: 'sale_completed',
    providerTransactionId: order.id,
    occurredAt,
    amounts,
    currency,
    // Contact data is on the order and its customer, redacted without Level 2 protected data approval.
    identity: identitySignals({
      email: order.email ?? order.customer?.email,
      phone: order.phone ?? order.customer?.phone,
      providerCustomerId: order.customer?.id,
    }),
  }
}

/** The money refunded is the sum of successful `refund` transactions; a restock-only refund has none. */
function refundToEvent(refund: ShopifyRefund, source: EventSource): PosEvent | null {
  const moved = refund.transactions.filter((t) => t.kind === 'refund' && t.status === 'success')
  const currency = moved[0]?.currency
  if (!currency || moved.some((t) => t.currency !== currency)) return null
  const amount = sumToMinor(
    moved.map((t) => t.amount),
    currency,
  )
  const occurredAt = toUtcIso(refund.processed_at ?? refund.created_at)
  if (amount === null || amount <= 0 || occurredAt === null) return null
  return {
    ...source,
    type: 'refund',
    originalTransactionId: refund.order_id,
    refundId: refund.id,
    amount,
    currency,
    occurredAt,
  }
}
