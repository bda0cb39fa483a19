import { bodyText, parseJson, type RawWebhook, type WebhookEnvelope } from '../adapter'
import { squareEnvelope } from './payload'

/** Square's envelope: merchant_id, type, event_id (the documented idempotency key). */
export function readSquareEnvelope(webhook: RawWebhook) {
  const text = bodyText(webhook.rawBody)
  if (text === null) return null
  const parsed = squareEnvelope.safeParse(parseJson(text))
  return parsed.success ? parsed.data : null
}

export function extractSquareEnvelopes(webhook: RawWebhook): WebhookEnvelope[] | null {
  const env = readSquareEnvelope(webhook)
  if (!env) return null
  return [{ externalMerchantId: env.merchant_id, providerEventId: env.event_id, eventType: env.type }]
}
