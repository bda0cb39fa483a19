import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** HMAC-SHA256 over the concatenated byte parts (e.g. Square's URL + raw body). */
export function hmacSha256(key: string, parts: readonly Uint8Array[]): Buffer {
  const mac = createHmac('sha256', Buffer.from(key, 'utf8'))
  for (const part of parts) mac.update(part)
  return mac.digest()
}

/**
 * Constant-time string comparison. Only the length can leak, and a digest's length is
 * public anyway; timingSafeEqual itself throws on unequal lengths, so check first.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Secrets worth trying: an empty secret would make any attacker's HMAC "valid". */
export function usableSecrets(secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length > 0)
}

/** Content fingerprint for dedupe keys when a provider sends no event id or version. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
