// ES256 signing keys. JWT_PRIVATE_KEYS is a comma list of `kid:base64(PKCS#8 PEM)`; the first
// signs, every key's public half verifies, so a new key can be introduced before the old one
// retires. Development and test generate an ephemeral pair (ADR 0005).
import { type CryptoKey, type JWK, exportJWK, exportPKCS8, generateKeyPair, importPKCS8 } from 'jose'

export type SigningKey = { kid: string; privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK }
export type Keyring = { signer: SigningKey; verifiers: Map<string, SigningKey> }

async function fromPrivate(kid: string, pkcs8Pem: string): Promise<SigningKey> {
  const privateKey = await importPKCS8(pkcs8Pem, 'ES256', { extractable: true })
  const jwk = await exportJWK(privateKey)
  // Public half: drop the private scalar.
  const { d: _d, ...pub } = jwk
  const publicKey = (await crypto.subtle.importKey(
    'jwk',
    { ...pub, ext: true },
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['verify'],
  )) as CryptoKey
  return { kid, privateKey, publicKey, publicJwk: { ...pub, kid, alg: 'ES256', use: 'sig' } }
}

export async function loadKeyring(spec: string | undefined): Promise<Keyring> {
  const entries = spec
    ? spec
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : []
  const keys: SigningKey[] = []
  if (entries.length === 0) {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true })
    keys.push(await fromPrivate(`dev-${crypto.randomUUID().slice(0, 8)}`, await exportPKCS8(privateKey)))
  }
  for (const entry of entries) {
    const i = entry.indexOf(':')
    if (i <= 0) throw new Error('JWT_PRIVATE_KEYS: each entry must be kid:base64(pkcs8 pem)')
    const kid = entry.slice(0, i)
    keys.push(await fromPrivate(kid, Buffer.from(entry.slice(i + 1), 'base64').toString('utf8')))
  }
  const verifiers = new Map(keys.map((k) => [k.kid, k]))
  if (verifiers.size !== keys.length) throw new Error('JWT_PRIVATE_KEYS: key ids must be unique')
  return { signer: keys[0]!, verifiers }
}

/** A new key in the env format, for operators (`bun run keys:jwt`) and tests. */
export async function generateKeySpec(kid: string): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true })
  return `${kid}:${Buffer.from(await exportPKCS8(privateKey)).toString('base64')}`
}

export function jwks(ring: Keyring): { keys: JWK[] } {
  return { keys: [...ring.verifiers.values()].map((k) => k.publicJwk) }
}
