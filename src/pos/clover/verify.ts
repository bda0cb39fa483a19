import { constantTimeEqual, usableSecrets, type VerifyInput } from '../adapter'
import { cloverMeta } from './meta'

/**
 * Clover app webhooks authenticate with `X-Clover-Auth: <auth code>`, a static per-app value,
 * and sign nothing: a changed body cannot be detected here. That is acceptable only because
 * the payload is used as a trigger and every fact is re-fetched over authenticated REST.
 */
export function verifyCloverWebhook(input: VerifyInput): boolean {
  const header = input.headers.get(cloverMeta.signatureHeader)
  if (!header) return false
  return usableSecrets(input.secrets).some((code) => constantTimeEqual(code, header))
}
