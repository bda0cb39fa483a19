// Codes and destinations are stored only as keyed hashes (HMAC with OTP_SECRET): a database
// leak reveals neither who asked for a code nor the code itself, and 10^6 codes cannot be
// brute-forced offline without the key.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'

export const OTP_TTL_MS = 10 * 60 * 1000
export const OTP_MAX_ATTEMPTS = 5

/** Six digits from the CSPRNG (randomInt is uniform, no modulo bias). */
export function generateCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

const hmac = (secret: string, label: string, value: string) =>
  createHmac('sha256', secret).update(`${label}\0${value}`).digest('base64url')

export const hashDestination = (secret: string, destination: string) => hmac(secret, 'otp-destination', destination)

/** Bound to the challenge id, so a hash cannot be replayed against another challenge. */
export const hashCode = (secret: string, challengeId: string, code: string) =>
  hmac(secret, `otp-code:${challengeId}`, code)

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
