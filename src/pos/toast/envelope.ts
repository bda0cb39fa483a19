import { bodyText, parseJson, type RawWebhook, type WebhookEnvelope } from '../adapter'
import { toastEnvelope } from './payload'

/**
 * The body `guid` is the dedupe key. The restaurant GUID is in `details` for orders; the
 * Toast-Restaurant-External-ID header carries it for every category.
 */
export function readToastEnvelope(webhook: RawWebhook) {
  const text = bodyText(webhook.rawBody)
  if (text === null) return null
  const parsed = toastEnvelope.safeParse(parseJson(text))
  if (!parsed.success) return null
  const restaurantGuid = parsed.data.details?.restaurantGuid ?? webhook.headers.get('toast-restaurant-external-id')
  return restaurantGuid ? { ...parsed.data, restaurantGuid } : null
}

export function extractToastEnvelopes(webhook: RawWebhook): WebhookEnvelope[] | null {
  const env = readToastEnvelope(webhook)
  return env && [{ externalMerchantId: env.restaurantGuid, providerEventId: env.guid, eventType: env.eventType }]
}
