// The one place POS tokens are sealed and opened (AES-256-GCM, src/infra/crypto/token-cipher).
// Plaintext tokens exist only in memory between here and the provider call.
import { hkdfSync } from 'node:crypto'
import type { Config } from '../../config'
import { createTokenCipher, generateKeyring, type TokenCipher } from '../../infra/crypto/token-cipher'

const ciphers = new Map<string, Promise<TokenCipher>>()
// Outside production a missing keyring is generated once per process, so development runs with
// zero config. Tokens sealed by one process cannot be opened by another: tests that span
// processes set TOKEN_ENCRYPTION_KEYS explicitly (production refuses to start without it).
let generated: string | undefined

function keyring(config: Config): string {
  if (config.TOKEN_ENCRYPTION_KEYS === undefined && generated === undefined) generated = generateKeyring(['dev'])
  return config.TOKEN_ENCRYPTION_KEYS ?? (generated as string)
}

/**
 * The HS256 key for short-lived signed links (the Clover install link), derived from the same
 * production-required keyring with HKDF under its own label, so no extra secret is configured and
 * every web machine derives the same key. Rotating the keyring only voids links in flight.
 */
export function signedLinkKey(config: Config): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', keyring(config), 'salesarck', 'signed-links-v1', 32))
}

export function tokenCipher(config: Config): Promise<TokenCipher> {
  const keys = keyring(config)
  let cipher = ciphers.get(keys)
  if (!cipher) {
    cipher = createTokenCipher(keys)
    ciphers.set(keys, cipher)
  }
  return cipher
}
