import { bodyText, parseJson, type RawWebhook, type WebhookEnvelope } from '../adapter'
import { shopifyHeader } from './headers'
import { EXACT_ID_KEYS } from './payload'

export type ShopifyDelivery = { shop: string; topic: string; eventId: string; body: unknown }

/**
 * Shopify puts the routing facts in headers, not the body: topic, shop domain
 * (name.myshopify.com, our external merchant id) and the event id. Where the signed body
 * names its shop, that wins over the unsigned header. The dedupe key pairs the
 * event id with the topic because one event can fan out to several topics; the webhook id
 * (constant across retries) stands in when an older API version sends no event id.
 */
export function readShopifyDelivery(webhook: RawWebhook): ShopifyDelivery | null {
  const topic = shopifyHeader(webhook.headers, 'topic')
  const shop = shopifyHeader(webhook.headers, 'shop-domain')
  const id = shopifyHeader(webhook.headers, 'event-id') ?? shopifyHeader(webhook.headers, 'webhook-id')
  if (!topic || !shop || !id) return null
  const text = bodyText(webhook.rawBody)
  const body = text === null ? undefined : parseJson(text, EXACT_ID_KEYS)
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null
  return { shop: signedShop(body as Record<string, unknown>) ?? shop, topic, eventId: `${topic}/${id}`, body }
}

const MYSHOPIFY = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/

/**
 * The shop the signed body names, when it names one: `myshopify_domain` (Shop payloads such as
 * app/uninstalled), `shop_domain` (the compliance topics), or `domain` when it is the
 * myshopify one (a custom primary domain is not an id). The HMAC covers the body, not the
 * headers, so a captured delivery replayed with another shop's X-Shopify-Shop-Domain still
 * routes to the shop that was signed for.
 */
function signedShop(body: Record<string, unknown>): string | null {
  for (const key of ['myshopify_domain', 'shop_domain', 'domain']) {
    const value = body[key]
    if (typeof value === 'string' && MYSHOPIFY.test(value.toLowerCase())) return value.toLowerCase()
  }
  return null
}

export function extractShopifyEnvelopes(webhook: RawWebhook): WebhookEnvelope[] | null {
  const d = readShopifyDelivery(webhook)
  return d && [{ externalMerchantId: d.shop, providerEventId: d.eventId, eventType: d.topic }]
}
