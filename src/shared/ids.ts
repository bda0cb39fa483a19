// Prefixed, time-ordered ids ("ten_01J…") so an id in a log or URL says what it names.
// The random part comes from a CSPRNG; callers in pure code receive ids as arguments instead.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32, lower case

export type IdPrefix =
  | 'ten'
  | 'usr'
  | 'mem'
  | 'mbr'
  | 'wal'
  | 'ent'
  | 'lot'
  | 'red'
  | 'rul'
  | 'aud'
  | 'ses'
  | 'otp'
  | 'con'
  | 'whk'
  | 'txn'
  | 'msg'
  | 'rec'
  | 'fnd'
  | 'job'
  | 'bkt'
  | 'clm'
  | 'ins'
  | 'inv'
  | 'rwd'
  | 'rfl'
  | 'rfr'
  | 'ncs'
  | 'ntc'

function encodeTime(ms: number): string {
  let out = ''
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out
    ms = Math.floor(ms / 32)
  }
  return out
}

function randomPart(chars: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(chars))
  let out = ''
  for (const b of bytes) out += ALPHABET[b & 31]
  return out
}

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  return `${prefix}_${encodeTime(now)}${randomPart(16)}`
}
