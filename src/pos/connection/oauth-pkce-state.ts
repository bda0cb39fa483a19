// PKCE pairs and the OAuth `state` nonce of a connect attempt. Pure: the random bytes come in as an
// argument, from the caller's CSPRNG.
import { createHash } from 'node:crypto'

// RFC 7636 §4.1: 32 random bytes → a 43-char base64url verifier (256 bits, the spec's advice).
const MIN_RANDOM_BYTES = 32

export type Pkce = { verifier: string; challenge: string; method: 'S256' }

/** PKCE pair from caller-supplied CSPRNG bytes. Keep `verifier` server-side; send `challenge`. */
export function createPkce(randomBytes: Uint8Array): Pkce {
  assertEntropy(randomBytes, 'PKCE verifier')
  const verifier = Buffer.from(randomBytes).toString('base64url')
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' }
}

/** S256 challenge: BASE64URL(SHA-256(ASCII(verifier))) per RFC 7636 §4.2. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

// The `state` is an opaque single-use nonce. The shell stores it server-side with the tenant,
// user, provider and PKCE verifier (api-v1: "state bound to the signed-in merchant, single use"),
// so nothing is encoded in it and there is nothing to forge.
const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** How long a connect attempt may take before its state is refused. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000

export function createOAuthState(randomBytes: Uint8Array): string {
  assertEntropy(randomBytes, 'OAuth state')
  return Buffer.from(randomBytes.subarray(0, MIN_RANDOM_BYTES)).toString('base64url')
}

/** Cheap shape check so a garbage `state` query parameter never reaches the database. */
export function parseOAuthState(raw: unknown): string | null {
  return typeof raw === 'string' && STATE_PATTERN.test(raw) ? raw : null
}

function assertEntropy(bytes: Uint8Array, what: string): void {
  // A short buffer is a programmer error (wrong argument), so it throws instead of returning.
  if (bytes.length < MIN_RANDOM_BYTES) throw new TypeError(`${what} needs at least ${MIN_RANDOM_BYTES} random bytes`)
}
