// Redemption codes, pure: the caller supplies the random bytes (a CSPRNG in the shell, fixed
// bytes in tests). 10 symbols from a 32-symbol alphabet = 50 bits, above the 40-bit floor, so
// guessing a live code is hopeless even before rate limits.
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ' // no 0/O, 1/I: read aloud and typed at a till
export const CODE_LENGTH = 10
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length)

/** 256 is a multiple of 32, so `byte & 31` is uniform: no modulo bias. */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new RangeError(`need ${CODE_LENGTH} random bytes`)
  let out = ''
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[(bytes[i] as number) & 31]
  return out
}

/** What staff type: any case, with spaces or dashes. Anything outside the alphabet is refused. */
export function normalizeCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '')
  return s.length === CODE_LENGTH && [...s].every((c) => CODE_ALPHABET.includes(c)) ? s : null
}

/** "ABCDE-FGHJK": two groups are easier to read out than ten characters. */
export const formatCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`
