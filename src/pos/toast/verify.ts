import {
  bodyBytes,
  bodyText,
  constantTimeEqual,
  hmacSha256,
  parseJson,
  toUtcIso,
  usableSecrets,
  type VerifyInput,
} from '../adapter'
import { toastMeta } from './meta'

const encoder = new TextEncoder()

/**
 * How far the signed timestamp may be from our clock, either way. A captured delivery replayed
 * later (or one stamped in the future) is refused even though its signature is genuine.
 */
export const TOAST_TIMESTAMP_TOLERANCE_MS = 5 * 60_000

/** The envelope's `timestamp` exactly as sent, or null when the body is not a Toast envelope. */
function bodyTimestamp(raw: Uint8Array | string): string | null {
  const text = bodyText(raw)
  const json = text === null ? undefined : parseJson(text)
  const ts = typeof json === 'object' && json !== null ? (json as { timestamp?: unknown }).timestamp : undefined
  return typeof ts === 'string' ? ts : null
}

/** Whether a signed timestamp is within the tolerance of `now`; an unreadable one is not. */
export function isFreshToastTimestamp(timestamp: string, now: Date): boolean {
  const iso = toUtcIso(timestamp)
  return iso !== null && Math.abs(Date.parse(iso) - now.getTime()) <= TOAST_TIMESTAMP_TOLERANCE_MS
}

/**
 * Toast-Signature = base64(HMAC-SHA256(subscription secret, raw body + timestamp)). Toast does
 * not say which timestamp and documents no timestamp header, so the body's `timestamp` is
 * used; the raw body alone is the documented fallback (both unconfirmed, pos-providers.md).
 * Either variant still requires the subscription secret, and in both the timestamp is inside
 * the signed bytes, so it must be within five minutes of `now`: without it a captured delivery
 * could be replayed for ever. A delivery with no timestamp cannot be judged and is refused.
 */
export function verifyToastWebhook(input: VerifyInput): boolean {
  const header = input.headers.get(toastMeta.signatureHeader)
  if (!header) return false
  const timestamp = bodyTimestamp(input.rawBody)
  if (timestamp === null || !input.now || !isFreshToastTimestamp(timestamp, input.now)) return false
  const body = bodyBytes(input.rawBody)
  const variants = [[body, encoder.encode(timestamp)], [body]]
  return usableSecrets(input.secrets).some((secret) =>
    variants.some((parts) => constantTimeEqual(hmacSha256(secret, parts).toString('base64'), header)),
  )
}
