import { bodyBytes, constantTimeEqual, hmacSha256, usableSecrets, type VerifyInput } from '../adapter'
import { lightspeedMeta } from './meta'

/** "signature=<sig>,algorithm=HMAC-SHA256" → the signature, if the algorithm is the one we check. */
function readSignature(header: string): string | null {
  const fields = new Map(
    header.split(',').map((part) => {
      const eq = part.indexOf('=')
      return [part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim()] as const
    }),
  )
  const signature = fields.get('signature')
  return signature && fields.get('algorithm')?.toUpperCase() === 'HMAC-SHA256' ? signature : null
}

/**
 * X-Signature: HMAC-SHA256 of the whole raw form-encoded body (not just the `payload` field)
 * with the app client_secret. Lightspeed's docs leave the digest encoding unconfirmed, so
 * both hex and base64 are accepted; either way the secret is required to produce it.
 */
export function verifyLightspeedWebhook(input: VerifyInput): boolean {
  const header = input.headers.get(lightspeedMeta.signatureHeader)
  const signature = header ? readSignature(header) : null
  if (!signature) return false
  const body = [bodyBytes(input.rawBody)]
  return usableSecrets(input.secrets).some((secret) => {
    const digest = hmacSha256(secret, body)
    return (
      constantTimeEqual(digest.toString('hex'), signature.toLowerCase()) ||
      constantTimeEqual(digest.toString('base64'), signature)
    )
  })
}
