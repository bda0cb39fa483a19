// Keeps a portal session alive past the 15-minute access token: when the access cookie has
// expired and a refresh cookie is present, rotate once and set fresh cookies.
//
// Why the lock and the short-lived cache: a page fires several htmx requests at once, all with
// the same expired cookie, possibly to different web machines. If each rotated the refresh
// token, every request after the first would present a rotated token, which is exactly what
// reuse detection treats as theft, and the session would be revoked. So one request per
// refresh token rotates (Redis SET NX), and the others wait briefly for its result.
import { createHash } from 'node:crypto'
import type { TokenPair } from '../auth'
import { refreshTokens } from '../auth/refresh'
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'

const GRACE_S = 30
const WAIT_MS = 3_000

const inFlight = new Map<string, Promise<TokenPair | null>>()

async function rotateOnce(deps: AppDeps, refreshToken: string, key: string): Promise<TokenPair | null> {
  const cached = await deps.redis.get(`rt:grace:${key}`).catch(() => null)
  if (cached) return JSON.parse(cached) as TokenPair
  const locked = await deps.redis.set(`rt:lock:${key}`, '1', 'PX', WAIT_MS, 'NX').catch(() => 'OK') // Redis down: act alone
  if (locked !== 'OK') {
    for (let waited = 0; waited < WAIT_MS; waited += 100) {
      await Bun.sleep(100)
      const done = await deps.redis.get(`rt:grace:${key}`).catch(() => null)
      if (done) return JSON.parse(done) as TokenPair
    }
    return null
  }
  try {
    const pair = await refreshTokens(deps, refreshToken)
    await deps.redis.set(`rt:grace:${key}`, JSON.stringify(pair), 'EX', GRACE_S).catch(() => {})
    return pair
  } catch {
    return null
  } finally {
    await deps.redis.del(`rt:lock:${key}`).catch(() => {})
  }
}

/** A fresh pair for this refresh token, shared by concurrent callers; null if the session ended. */
export function silentRefresh(deps: AppDeps, refreshToken: string): Promise<TokenPair | null> {
  const key = createHash('sha256').update(refreshToken).digest('base64url')
  let p = inFlight.get(key)
  if (!p) {
    p = rotateOnce(deps, refreshToken, key).finally(() => setTimeout(() => inFlight.delete(key), GRACE_S * 1000).unref())
    inFlight.set(key, p)
  }
  return p.then((pair) => {
    if (!pair) log.info('portal session could not be refreshed')
    return pair
  })
}
