import { bodyBytes, constantTimeEqual, hmacSha256, usableSecrets, type VerifyInput } from '../adapter'
import { shopifyHeader } from './headers'

/**
 * X-Shopify-Hmac-Sha256 (or shopify-hmac-sha256) = base64(HMAC-SHA256(app client secret,
 * raw body)). Events sent manually from the admin Notifications page are signed differently
 * and fail here, as they do in Shopify's own SDK.
 */
export function verifyShopifyWebhook(input: VerifyInput): boolean {
  const header = shopifyHeader(input.headers, 'hmac-sha256')
  if (!header) return false
  const body = [bodyBytes(input.rawBody)]
  return usableSecrets(input.secrets).some((secret) =>
    constantTimeEqual(hmacSha256(secret, body).toString('base64'), header),
  )
}
