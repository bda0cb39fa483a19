import { bodyBytes, constantTimeEqual, hmacSha256, usableSecrets, type VerifyInput } from '../adapter'
import { squareMeta } from './meta'

const encoder = new TextEncoder()

/**
 * x-square-hmacsha256-signature = base64(HMAC-SHA256(subscription signature key,
 * notification URL + raw body)). URL first: the reversed order does not match (pos-providers.md
 * sample vector). The legacy v1 x-square-signature (SHA-1) is deliberately not accepted.
 */
export function verifySquareWebhook(input: VerifyInput): boolean {
  const header = input.headers.get(squareMeta.signatureHeader)
  if (!header) return false
  const parts = [encoder.encode(input.url), bodyBytes(input.rawBody)]
  return usableSecrets(input.secrets).some((key) =>
    constantTimeEqual(hmacSha256(key, parts).toString('base64'), header),
  )
}
