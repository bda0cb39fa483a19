// Encryption at rest for POS access/refresh tokens (reliability-tests.md O6): AES-256-GCM under
// a keyring from TOKEN_ENCRYPTION_KEYS (api-v1.md: comma list of `kid:base64key`, 32-byte keys,
// the first one encrypts). Envelopes name their key, so keys can rotate without a flag day:
// add a new key first, re-encrypt rows where needsReencrypt() is true, then drop the old key.
//
// Envelope: `v1.<kid>.<iv base64url>.<ciphertext||tag base64url>`. The `v1.<kid>` prefix is the
// GCM additional data, so relabelling an envelope with another kid fails authentication.
// Error messages may name a kid or an entry position, never key bytes or plaintext.

const VERSION = 'v1'
const KEY_BYTES = 32
const IV_BYTES = 12 // 96-bit random IV: NIST SP 800-38D's recommended size for GCM.
const TAG_BYTES = 16
// `.` separates envelope fields and `,`/`:` the config, so kids use neither.
const KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/

export type TokenCipherErrorCode = 'invalid_config' | 'malformed_envelope' | 'unknown_key' | 'decrypt_failed'

export class TokenCipherError extends Error {
  readonly code: TokenCipherErrorCode
  constructor(code: TokenCipherErrorCode, message: string) {
    super(message)
    this.name = 'TokenCipherError'
    this.code = code
  }
}

export type TokenCipher = {
  /** The kid new envelopes are written under. */
  readonly currentKid: string
  encrypt(plaintext: string): Promise<string>
  /** Throws TokenCipherError: malformed_envelope, unknown_key or decrypt_failed (tampered/wrong key). */
  decrypt(envelope: string): Promise<string>
  /** True when the envelope is not under the current key and should be rewritten. */
  needsReencrypt(envelope: string): boolean
}

type ParsedEntry = { kid: string; raw: Uint8Array<ArrayBuffer> }

/** Validates the config string; throws TokenCipherError('invalid_config') naming the problem. */
export function parseKeyringConfig(config: string): ParsedEntry[] {
  const fail = (message: string) => new TokenCipherError('invalid_config', `TOKEN_ENCRYPTION_KEYS: ${message}`)
  if (config.trim() === '') throw fail('no keys configured')
  const entries: ParsedEntry[] = []
  config.split(',').forEach((item, i) => {
    const position = `entry ${i + 1}`
    const entry = item.trim()
    const sep = entry.indexOf(':')
    if (sep <= 0) throw fail(`${position} must look like kid:base64key`)
    const kid = entry.slice(0, sep)
    const key = entry.slice(sep + 1)
    if (!KID_PATTERN.test(kid)) throw fail(`${position} has an invalid kid (use 1-32 of A-Z a-z 0-9 _ -)`)
    if (entries.some((e) => e.kid === kid)) throw fail(`kid "${kid}" appears more than once`)
    if (!BASE64_PATTERN.test(key)) throw fail(`key for kid "${kid}" is not base64`)
    const raw = new Uint8Array(Buffer.from(key, 'base64'))
    if (raw.length !== KEY_BYTES)
      throw fail(`key for kid "${kid}" must decode to ${KEY_BYTES} bytes, got ${raw.length}`)
    entries.push({ kid, raw })
  })
  return entries
}

export async function createTokenCipher(config: string): Promise<TokenCipher> {
  const entries = parseKeyringConfig(config)
  const keys = new Map<string, CryptoKey>()
  for (const { kid, raw } of entries) {
    // Non-extractable: once imported, the key bytes cannot be read back out of the process API.
    keys.set(kid, await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']))
  }
  const currentKid = entries[0]!.kid // parseKeyringConfig never returns an empty list
  const currentKey = keys.get(currentKid)!
  const aad = (kid: string) => new TextEncoder().encode(`${VERSION}.${kid}`)

  return {
    currentKid,
    async encrypt(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: aad(currentKid), tagLength: TAG_BYTES * 8 },
        currentKey,
        new TextEncoder().encode(plaintext),
      )
      return [VERSION, currentKid, b64url(iv), b64url(new Uint8Array(sealed))].join('.')
    },
    async decrypt(envelope) {
      const { kid, iv, sealed } = parseEnvelope(envelope)
      const key = keys.get(kid)
      if (key === undefined) throw new TokenCipherError('unknown_key', `no key configured for kid "${kid}"`)
      try {
        const opened = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv, additionalData: aad(kid), tagLength: TAG_BYTES * 8 },
          key,
          sealed,
        )
        return new TextDecoder('utf-8', { fatal: true }).decode(opened)
      } catch {
        throw new TokenCipherError(
          'decrypt_failed',
          `envelope under kid "${kid}" failed authentication (tampered or wrong key)`,
        )
      }
    },
    needsReencrypt(envelope) {
      return parseEnvelope(envelope).kid !== currentKid
    },
  }
}

function parseEnvelope(envelope: string): {
  kid: string
  iv: Uint8Array<ArrayBuffer>
  sealed: Uint8Array<ArrayBuffer>
} {
  const malformed = (what: string) => new TokenCipherError('malformed_envelope', `token envelope is malformed: ${what}`)
  const parts = envelope.split('.')
  if (parts.length !== 4) throw malformed('expected 4 dot-separated fields')
  const [version, kid, ivText, sealedText] = parts as [string, string, string, string]
  if (version !== VERSION) throw malformed('unsupported version')
  if (!KID_PATTERN.test(kid)) throw malformed('invalid kid')
  if (!BASE64URL_PATTERN.test(ivText) || !BASE64URL_PATTERN.test(sealedText))
    throw malformed('fields are not base64url')
  const iv = new Uint8Array(Buffer.from(ivText, 'base64url'))
  const sealed = new Uint8Array(Buffer.from(sealedText, 'base64url'))
  if (iv.length !== IV_BYTES) throw malformed(`IV must be ${IV_BYTES} bytes`)
  if (sealed.length < TAG_BYTES) throw malformed('ciphertext shorter than the authentication tag')
  return { kid, iv, sealed }
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')

/** A fresh config string for development and tests; first kid encrypts. Never for production. */
export function generateKeyring(kids: readonly string[] = ['k1']): string {
  return kids
    .map((kid) => `${kid}:${Buffer.from(crypto.getRandomValues(new Uint8Array(KEY_BYTES))).toString('base64')}`)
    .join(',')
}
