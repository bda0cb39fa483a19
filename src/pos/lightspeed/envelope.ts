import { bodyBytes, bodyText, parseJson, type RawWebhook, sha256Hex, type WebhookEnvelope } from '../adapter'
import { lightspeedObjectIds } from './payload'

export type LightspeedDelivery = {
  retailerId: string
  type: string
  providerEventId: string
  payload: unknown
}

/**
 * Form fields: `type` (sale.update, customer.update, …), `payload` (JSON), and, when present,
 * `retailer_id` / `domain_prefix`. The retailer id is our external merchant id (api-v1.md);
 * domain_prefix stands in when it is absent because the docs do not guarantee either.
 * Dedupe key: object id + `version` (pos-providers.md), else updated_at, else the body hash.
 */
export function readLightspeedDelivery(webhook: RawWebhook): LightspeedDelivery | null {
  const text = bodyText(webhook.rawBody)
  if (text === null) return null
  const form = new URLSearchParams(text)
  const type = form.get('type')
  const rawPayload = form.get('payload')
  if (!type || !rawPayload) return null
  const payload = parseJson(rawPayload)
  const ids = lightspeedObjectIds.safeParse(payload)
  if (!ids.success) return null
  const retailerId = form.get('retailer_id') || ids.data.retailer_id || form.get('domain_prefix')
  if (!retailerId) return null
  const revision = ids.data.version ?? ids.data.updated_at ?? sha256Hex(bodyBytes(webhook.rawBody))
  return { retailerId, type, providerEventId: `${type}/${ids.data.id}/${revision}`, payload }
}

export function extractLightspeedEnvelopes(webhook: RawWebhook): WebhookEnvelope[] | null {
  const d = readLightspeedDelivery(webhook)
  return d && [{ externalMerchantId: d.retailerId, providerEventId: d.providerEventId, eventType: d.type }]
}
