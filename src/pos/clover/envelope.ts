import { bodyText, parseJson, type RawWebhook, type WebhookEnvelope } from '../adapter'
import { type CloverNotice, cloverWebhook } from './payload'

export type CloverEntry = { merchantId: string; notice: CloverNotice; providerEventId: string }

/**
 * One POST can batch several merchants and objects, so each (merchant, object, type, ts)
 * is its own envelope: that tuple is Clover's only dedupe key (pos-providers.md).
 */
export function readCloverEntries(webhook: RawWebhook): CloverEntry[] | null {
  const text = bodyText(webhook.rawBody)
  if (text === null) return null
  const parsed = cloverWebhook.safeParse(parseJson(text))
  if (!parsed.success) return null
  return Object.entries(parsed.data.merchants).flatMap(([merchantId, notices]) =>
    notices.map((notice) => ({
      merchantId,
      notice,
      providerEventId: `${merchantId}/${notice.objectId}/${notice.type}/${notice.ts}`,
    })),
  )
}

export function extractCloverEnvelopes(webhook: RawWebhook): WebhookEnvelope[] | null {
  const entries = readCloverEntries(webhook)
  if (!entries || entries.length === 0) return null
  return entries.map((e) => ({
    externalMerchantId: e.merchantId,
    providerEventId: e.providerEventId,
    eventType: `${keyOf(e.notice.objectId)}:${e.notice.type}`,
  }))
}

/** "O:GHIVJT2ABCRSC" → "O" */
export function keyOf(objectId: string): string {
  return objectId.slice(0, objectId.indexOf(':'))
}

/** "O:GHIVJT2ABCRSC" → "GHIVJT2ABCRSC" */
export function idOf(objectId: string): string {
  return objectId.slice(objectId.indexOf(':') + 1)
}
