// POS tokens at rest (reliability-tests.md O6; api-v1.md TOKEN_ENCRYPTION_KEYS).
import { describe, expect, test } from 'bun:test'
import {
  createTokenCipher,
  generateKeyring,
  parseKeyringConfig,
  TokenCipherError,
} from '../../src/infra/crypto/token-cipher'

const TOKEN = 'EAAAl-refresh-token-0123456789'
const keyOf = (config: string, kid: string) =>
  config
    .split(',')
    .find((e) => e.startsWith(`${kid}:`))!
    .slice(kid.length + 1)

async function rejection(p: Promise<unknown>): Promise<TokenCipherError> {
  try {
    await p
  } catch (e) {
    if (e instanceof TokenCipherError) return e
    throw e
  }
  throw new Error('expected a TokenCipherError')
}

describe('encrypt / decrypt', () => {
  test('round trip, with a self-describing envelope that hides the token', async () => {
    const cipher = await createTokenCipher(generateKeyring(['k1']))
    const envelope = await cipher.encrypt(TOKEN)
    expect(envelope).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/)
    expect(envelope).not.toContain(TOKEN)
    expect(await cipher.decrypt(envelope)).toBe(TOKEN)
  })

  test('the same token encrypts differently each time (random IV)', async () => {
    const cipher = await createTokenCipher(generateKeyring())
    expect(await cipher.encrypt(TOKEN)).not.toBe(await cipher.encrypt(TOKEN))
  })

  test('flipping any ciphertext byte is detected, and the error shows no plaintext', async () => {
    const cipher = await createTokenCipher(generateKeyring())
    const [v, kid, iv, sealed] = (await cipher.encrypt(TOKEN)).split('.') as [string, string, string, string]
    const bytes = Buffer.from(sealed, 'base64url')
    for (const index of [0, bytes.length - 1]) {
      const flipped = Buffer.from(bytes)
      flipped[index] = flipped[index]! ^ 0x01
      const e = await rejection(cipher.decrypt([v, kid, iv, flipped.toString('base64url')].join('.')))
      expect(e.code).toBe('decrypt_failed')
      expect(e.message).not.toContain(TOKEN)
    }
  })

  test('the kid is bound: relabelling an envelope with another kid fails even with the same key bytes', async () => {
    const k1 = generateKeyring(['k1'])
    const cipher = await createTokenCipher(`${k1},k2:${keyOf(k1, 'k1')}`)
    const relabelled = (await cipher.encrypt(TOKEN)).replace('v1.k1.', 'v1.k2.')
    expect((await rejection(cipher.decrypt(relabelled))).code).toBe('decrypt_failed')
  })

  test('the wrong key fails authentication; an unknown kid is named', async () => {
    const envelope = await (await createTokenCipher(generateKeyring(['k1']))).encrypt(TOKEN)
    expect((await rejection((await createTokenCipher(generateKeyring(['k1']))).decrypt(envelope))).code).toBe(
      'decrypt_failed',
    )
    const other = await rejection((await createTokenCipher(generateKeyring(['k9']))).decrypt(envelope))
    expect(other.code).toBe('unknown_key')
    expect(other.message).toContain('"k1"')
  })

  test.each([
    '',
    'v1.k1.abc',
    'v2.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
    'v1.k1.AAAA.AAAAAAAAAAAAAAAAAAAAAA',
    'v1.k1.AAAAAAAAAAAAAAAA.AAAA',
    'v1.k1.AAAAAAAAAAAAAAAA.AA+A/AAAAAAAAAAAAAAAAAAA',
  ])('malformed envelope %p is rejected as malformed', async (envelope) => {
    const cipher = await createTokenCipher(generateKeyring())
    expect((await rejection(cipher.decrypt(envelope))).code).toBe('malformed_envelope')
  })
})

describe('rotation', () => {
  test('new key encrypts, old key still decrypts, and old envelopes are flagged for rewrite', async () => {
    const before = generateKeyring(['2026a'])
    const oldCipher = await createTokenCipher(before)
    const oldEnvelope = await oldCipher.encrypt(TOKEN)

    const rotated = await createTokenCipher(`${generateKeyring(['2026b'])},${before}`)
    expect(rotated.currentKid).toBe('2026b')
    expect(await rotated.decrypt(oldEnvelope)).toBe(TOKEN)
    expect(rotated.needsReencrypt(oldEnvelope)).toBe(true)

    const rewritten = await rotated.encrypt(await rotated.decrypt(oldEnvelope))
    expect(rewritten.startsWith('v1.2026b.')).toBe(true)
    expect(rotated.needsReencrypt(rewritten)).toBe(false)
  })
})

describe('config validation', () => {
  const good = generateKeyring(['k1'])
  const goodKey = keyOf(good, 'k1')
  const shortKey = Buffer.alloc(16, 7).toString('base64')
  const cases: Array<[string, string, RegExp]> = [
    ['empty', '', /no keys configured/],
    ['missing kid', `:${goodKey}`, /entry 1 must look like kid:base64key/],
    ['bare key', goodKey, /entry 1 must look like kid:base64key/],
    ['short key', `k1:${shortKey}`, /key for kid "k1" must decode to 32 bytes, got 16/],
    ['not base64', 'k1:not*base64!', /key for kid "k1" is not base64/],
    ['duplicate kid', `${good},k1:${goodKey}`, /kid "k1" appears more than once/],
    ['dot in kid', `k.1:${goodKey}`, /entry 1 has an invalid kid/],
    ['empty second entry', `${good},`, /entry 2 must look like kid:base64key/],
  ]
  test.each(cases)('%s is rejected with a message naming the problem, never the key', (_name, config, message) => {
    let error: unknown
    try {
      parseKeyringConfig(config)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TokenCipherError)
    const e = error as TokenCipherError
    expect(e.code).toBe('invalid_config')
    expect(e.message).toMatch(message)
    expect(e.message).toStartWith('TOKEN_ENCRYPTION_KEYS: ')
    expect(e.message).not.toContain(goodKey)
    expect(e.message).not.toContain(shortKey)
  })

  test('the first kid encrypts and whitespace around entries is tolerated', async () => {
    const config = ` ${generateKeyring(['new'])} , ${generateKeyring(['old'])} `
    expect((await createTokenCipher(config)).currentKid).toBe('new')
  })
})
