import { bodyText, parseJson, type RawWebhook, toUtcIso } from '../adapter'
import { ignoredEvent, type PosEvent } from '../pos-event'
import { type CloverEntry, idOf, keyOf, readCloverEntries } from './envelope'
import { cloverVerification } from './payload'

/**
 * Clover notices carry ids only: no amount, currency or customer. An order CREATE/UPDATE
 * becomes a sale notice that `fetchDetails` completes (or turns into `ignored` if unpaid).
 * The order is the transaction; payment (P:) notices for the same sale are ignored so one
 * sale is never awarded under two ids.
 */
export function parseCloverWebhook(webhook: RawWebhook): PosEvent[] {
  const entries = readCloverEntries(webhook)
  if (entries === null) {
    return [
      ignoredEvent('clover', isVerificationRequest(webhook) ? 'webhook verification request' : 'malformed payload'),
    ]
  }
  if (entries.length === 0) return [ignoredEvent('clover', 'delivery has no notices')]
  return entries.map(noticeToEvent)
}

function noticeToEvent({ merchantId, notice, providerEventId }: CloverEntry): PosEvent {
  const key = keyOf(notice.objectId)
  const ids = { externalMerchantId: merchantId, providerEventId, eventType: `${key}:${notice.type}` }
  // App notices (key A) report install, uninstall and subscription changes; an uninstall is
  // assumed to be the app object's DELETE (the exact type is unconfirmed, README.md).
  if (key === 'A' && notice.type === 'DELETE') {
    return {
      type: 'access_revoked',
      provider: 'clover',
      externalMerchantId: merchantId,
      providerEventId,
      reason: 'The Clover app was uninstalled',
    }
  }
  if (key !== 'O') return ignoredEvent('clover', 'only order notices are used for loyalty', ids)
  if (notice.type !== 'CREATE' && notice.type !== 'UPDATE') return ignoredEvent('clover', 'order deleted', ids)
  const occurredAt = toUtcIso(notice.ts)
  if (!occurredAt) return ignoredEvent('clover', 'notice has an unreadable timestamp', ids)
  const orderId = idOf(notice.objectId)
  return {
    type: 'sale_completed',
    provider: 'clover',
    externalMerchantId: merchantId,
    providerEventId,
    providerTransactionId: orderId,
    occurredAt,
    identity: {},
    amounts: null,
    currency: null,
    needsDetails: { reason: 'notice_only', resource: 'order', resourceId: orderId },
  }
}

function isVerificationRequest(webhook: RawWebhook): boolean {
  const text = bodyText(webhook.rawBody)
  return text !== null && cloverVerification.safeParse(parseJson(text)).success
}
