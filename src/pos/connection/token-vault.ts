// The one place POS tokens are sealed and opened (AES-256-GCM, src/infra/crypto/token-cipher).
// Plaintext tokens exist only in memory between here and the provider call.
import type { Config } from '../../config'
import { createTokenCipher, generateKeyring, type TokenCipher } from '../../infra/crypto/token-cipher'

const ciphers = new Map<string, Promise<TokenCipher>>()
// Outside production a missing keyring is generated once per process, so development runs with
// zero config. Tokens sealed by one process cannot be opened by another: tests that span
// processes set TOKEN_ENCRYPTION_KEYS explicitly (production refuses to start without it).
let generated: string | undefined

export function tokenCipher(config: Config): Promise<TokenCipher> {
  if (config.TOKEN_ENCRYPTION_KEYS === undefined && generated === undefined) generated = generateKeyring(['dev'])
  const keys = config.TOKEN_ENCRYPTION_KEYS ?? (generated as string)
  let cipher = ciphers.get(keys)
  if (!cipher) {
    cipher = createTokenCipher(keys)
    ciphers.set(keys, cipher)
  }
  return cipher
}
