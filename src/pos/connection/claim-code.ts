// PURE helpers for the Toast ownership claim code (ADR 0016): short enough to read out over the
// phone, long enough not to be guessed in the few tries an admin's form allows.

/** 32 symbols without I/O/0/1, so a code read aloud cannot be misheard between look-alikes. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const LENGTH = 8

/** 8 symbols of 5 bits each (40 bits), shown as XXXX-XXXX. `random` is injected for tests. */
export function newClaimCode(
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  // 32 divides 256, so masking to 5 bits is unbiased.
  const symbols = Array.from(random(LENGTH), (b) => ALPHABET[b & 31])
  return `${symbols.slice(0, 4).join('')}-${symbols.slice(4).join('')}`
}

/** What the admin typed, as the stored form: upper case, separators and spaces dropped. */
export function normalizeClaimCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

/** After this many wrong codes the claim is void; the owner must start the link again. */
export const MAX_CLAIM_FAILURES = 5
