// Prints fresh production secrets in the formats config expects, for `fly secrets set`.
// Run: bun scripts/generate-keys.ts   (prints to stdout only; nothing is written)
import { generateKeySpec } from '../src/auth/keys'

const stamp = new Date().toISOString().slice(0, 10).replaceAll('-', '')
const tokenKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')
console.log(`JWT_PRIVATE_KEYS=${await generateKeySpec(`jwt-${stamp}`)}`)
console.log(`TOKEN_ENCRYPTION_KEYS=tok-${stamp}:${tokenKey}`)
