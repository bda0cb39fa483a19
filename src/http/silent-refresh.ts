// Keeps a portal session alive past the 15-minute access token: when the access cookie has
// expired and a refresh cookie is present, rotate once and set fresh cookies.
//
// Why the lock and the short-lived cache: a page fires several htmx requests at once, all with
// the same expired cookie, possibly to different web machines. If each rotated the refresh
// token, every request after the first would present a rotated token, which is exactly what
// reuse detection treats as theft, and the session would be revoked. So one request per
// refresh token rotates (Redis SET NX), and the others wait briefly for its result.
//
// What Redis holds (issue 12.15): keys inside the deployment's prefix named by sha256 of the old
// refresh token, and the new pair encrypted under a key derived from that same old token. Only
// a caller who presents the old token can find and open it; a Redis dump reveals no token.
import { createHash } from 'node:crypto'
import { refreshTokens, type TokenPair } from '../auth'
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'

const GRACE_S = 30
const WAIT_MS = 3_000

const inFlight = new Map<string, Promise<TokenPair | null>>()

const sha256 = (s: string) => createHash('sha256').update(s).digest()

/** AES-GCM key for the grace copy: a hash of the old token under its own label, never the key name. */
function graceKey(refreshToken: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', sha256(`salesarck/silent-refresh/v1\0${refreshToken}`), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ])
}

async function seal(refreshToken: string, pair: TokenPair): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await graceKey(refreshToken),
    new TextEncoder().encode(JSON.stringify(pair)),
  )
  return Buffer.concat([iv, new Uint8Array(ct)]).toString('base64url')
}

async function open(refreshToken: string, sealed: string | null): Promise<TokenPair | null> {
  if (!sealed) return null
  try {
    const raw = Buffer.from(sealed, 'base64url')
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: raw.subarray(0, 12) },
      await graceKey(refreshToken),
      raw.subarray(12),
    )
    return JSON.parse(new TextDecoder().decode(pt)) as TokenPair
  } catch {
    return null // tampered or from another key: treat as absent
  }
}

async function rotateOnce(deps: AppDeps, refreshToken: string, id: string): Promise<TokenPair | null> {
  const graceAt = `${deps.queues.prefix}:rt:grace:${id}`
  const lockAt = `${deps.queues.prefix}:rt:lock:${id}`
  const cached = await open(refreshToken, await deps.redis.get(graceAt).catch(() => null))
  if (cached) return cached
  const locked = await deps.redis.set(lockAt, '1', 'PX', WAIT_MS, 'NX').catch(() => 'OK') // Redis down: act alone
  if (locked !== 'OK') {
    for (let waited = 0; waited < WAIT_MS; waited += 100) {
      await Bun.sleep(100)
      const done = await open(refreshToken, await deps.redis.get(graceAt).catch(() => null))
      if (done) return done
    }
    return null
  }
  try {
    const pair = await refreshTokens(deps, refreshToken)
    await deps.redis.set(graceAt, await seal(refreshToken, pair), 'EX', GRACE_S).catch(() => {})
    return pair
  } catch {
    return null
  } finally {
    await deps.redis.del(lockAt).catch(() => {})
  }
}

/** A fresh pair for this refresh token, shared by concurrent callers; null if the session ended. */
export function silentRefresh(deps: AppDeps, refreshToken: string): Promise<TokenPair | null> {
  const id = sha256(refreshToken).toString('base64url')
  let p = inFlight.get(id)
  if (!p) {
    p = rotateOnce(deps, refreshToken, id).finally(() => setTimeout(() => inFlight.delete(id), GRACE_S * 1000).unref())
    inFlight.set(id, p)
  }
  return p.then((pair) => {
    if (!pair) log.info('portal session could not be refreshed')
    return pair
  })
}
