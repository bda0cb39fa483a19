import { bodyBytes, bodyText, constantTimeEqual, hmacSha256, parseJson, usableSecrets, type VerifyInput } from '../adapter'
import { toastMeta } from './meta'

const encoder = new TextEncoder()

/** The envelope's `timestamp` exactly as sent, or null when the body is not a Toast envelope. */
function bodyTimestamp(raw: Uint8Array | string): string | null {
  const text = bodyText(raw)
  const json = text === null ? undefined : parseJson(text)
  const ts = typeof json === 'object' && json !== null ? (json as { timestamp?: unknown }).timestamp : undefined
  return typeof ts === 'string' ? ts : null
}

/**
 * Toast-Signature = base64(HMAC-SHA256(subscription secret, raw body + timestamp)). Toast does
 * not say which timestamp and documents no timestamp header, so the body's `timestamp` is
 * used; the raw body alone is the documented fallback (both unconfirmed, pos-providers.md).
 * Either variant still requires the subscription secret.
 */
export function verifyToastWebhook(input: VerifyInput): boolean {
  const header = input.headers.get(toastMeta.signatureHeader)
  if (!header) return false
  const body = bodyBytes(input.rawBody)
  const timestamp = bodyTimestamp(input.rawBody)
  const variants = timestamp === null ? [[body]] : [[body, encoder.encode(timestamp)], [body]]
  return usableSecrets(input.secrets).some((secret) =>
    variants.some((parts) => constantTimeEqual(hmacSha256(secret, parts).toString('base64'), header)),
  )
}
