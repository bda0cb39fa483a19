import type { ParseOptions, RawWebhook } from '../adapter'
import { ignoredEvent, type PosEvent } from '../pos-event'
import { readToastEnvelope } from './envelope'
import { orderToEvent } from './order-to-event'
import { toastOrder } from './payload'

/** `orders` webhooks fire on every create or update and carry the full Order. */
const ORDER_EVENTS = new Set(['order_updated', 'channel_order_updated'])

export function parseToastWebhook(webhook: RawWebhook, options: ParseOptions = {}): PosEvent[] {
  const env = readToastEnvelope(webhook)
  if (!env) return [ignoredEvent('toast', 'malformed payload')]
  const ids = {
    provider: 'toast' as const,
    externalMerchantId: env.restaurantGuid,
    providerEventId: env.guid,
    eventType: env.eventType,
  }
  // partners webhook: the restaurant removed our integration, so our partner token can no longer
  // read it (pos-providers.md › Toast › Revocation). partner_added/_updated change nothing here:
  // a restaurant is linked only through the ownership proof (ADR 0016).
  if (env.eventType === 'partner_removed') {
    const { eventType: _, ...source } = ids
    return [
      { type: 'access_revoked', ...source, reason: 'The restaurant removed SalesArck from its Toast integrations' },
    ]
  }
  if (!ORDER_EVENTS.has(env.eventType)) return [ignoredEvent('toast', 'event type not used for loyalty', ids)]
  const order = toastOrder.safeParse(env.details?.order)
  if (!order.success) return [ignoredEvent('toast', 'order payload malformed', ids)]
  // Toast orders carry no currency; the restaurant's configuration (our tenant) decides it.
  return [orderToEvent(order.data, ids, options.fallbackCurrency ?? 'USD', true)]
}
