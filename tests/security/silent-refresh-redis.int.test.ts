// Issue 12.15: the silent-refresh grace copy (what lets a burst of htmx requests with the same
// stale cookie all succeed, on any web machine) must not leave tokens readable in Redis, nor
// keys outside the deployment's REDIS_PREFIX.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { createHash } from 'node:crypto'
import type Redis from 'ioredis'
import { signAccessToken } from '../../src/auth/access-token'
import { createSession, findLiveSession } from '../../src/auth/sessions.repo'
import { generateKeySpec } from '../../src/auth/keys'
import { useTestApp } from '../helpers/app'
import { makeUser } from '../helpers/identities'
import { type ServerProcess, startServer } from '../helpers/process'

// Shared signing keys, so a second web process verifies what this one signs.
const JWT_PRIVATE_KEYS = await generateKeySpec('grace-test')
const getApp = useTestApp({ JWT_PRIVATE_KEYS })

async function staleSession() {
  const { deps } = getApp()
  const user = await makeUser(deps, { email: `grace-${crypto.randomUUID().slice(0, 8)}@example.com` })
  const { session, refreshToken } = await createSession(deps.dbh.db, user.id, null, deps.clock())
  const expired = await signAccessToken(
    deps.keyring,
    { sub: user.id, sid: session.id },
    new Date(Date.now() - 20 * 60_000),
  )
  return { session, refreshToken, cookie: `sa_access=${expired}; sa_refresh=${refreshToken}` }
}

const cookieValue = (res: Response, name: string) =>
  new RegExp(`${name}=([^;]+)`).exec(res.headers.getSetCookie().join('\n'))?.[1]

/** Every key in Redis (shared with other test runs, so pipelined), and the readable content of each. */
async function dump(redis: Redis): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 2000)
    cursor = next
    const types = ((await redis.pipeline(keys.map((k) => ['type', k])).exec()) ?? []).map(([, t]) => String(t))
    const reads = keys.map((k, i) => {
      switch (types[i]) {
        case 'string':
          return ['get', k]
        case 'hash':
          return ['hgetall', k]
        case 'list':
          return ['lrange', k, '0', '-1']
        case 'set':
          return ['smembers', k]
        case 'zset':
          return ['zrange', k, '0', '-1']
        default:
          return ['exists', k]
      }
    })
    const values = (await redis.pipeline(reads).exec()) ?? []
    for (const [i, k] of keys.entries()) out.set(k, JSON.stringify(values[i]?.[1] ?? ''))
  } while (cursor !== '0')
  return out
}

describe('silent refresh leaves nothing readable in Redis', () => {
  // A second web machine (a real process, so it shares nothing in memory with this one):
  // same database, same Redis, same prefix, same signing keys.
  let second: ServerProcess
  beforeAll(async () => {
    second = await startServer({
      APP_ENV: 'test',
      ROLE: 'web',
      DATABASE_URL: getApp().config.DATABASE_URL!,
      JWT_PRIVATE_KEYS,
      REDIS_PREFIX: getApp().deps.queues.prefix,
    })
  }, 30_000)
  afterAll(async () => {
    second.proc.kill('SIGTERM')
    await second.exited
  })

  test('after a refresh: the grace reference is inside the prefix, hash-keyed, and no token appears anywhere', async () => {
    const { refreshToken, cookie } = await staleSession()
    const res = await getApp().request('/account', { headers: { accept: 'text/html', cookie }, redirect: 'manual' })
    expect(res.status).toBe(200)
    const newAccess = cookieValue(res, 'sa_access')!
    const newRefresh = cookieValue(res, 'sa_refresh')!
    expect(newRefresh).toBeTruthy()

    const all = await dump(getApp().deps.redis)
    const id = createHash('sha256').update(refreshToken).digest('base64url')
    const ours = [...all.keys()].filter((k) => k.includes(id))
    expect(ours.length).toBeGreaterThan(0) // the reference exists, so the scan can see it
    for (const k of ours) expect(k.startsWith(`${getApp().deps.queues.prefix}:`)).toBe(true)
    const secrets = [refreshToken, newRefresh, newAccess]
    const exposed = [...all].filter(([k, v]) => secrets.some((t) => k.includes(t) || v.includes(t))).map(([k]) => k)
    expect(exposed).toEqual([])
  }, 60_000)

  test('another machine given the same stale cookie within the grace period gets the same new session', async () => {
    const { session, cookie } = await staleSession()
    const first = await getApp().request('/account', { headers: { accept: 'text/html', cookie }, redirect: 'manual' })
    expect(first.status).toBe(200)
    const res = await fetch(`${second.base}/account`, { headers: { accept: 'text/html', cookie }, redirect: 'manual' })
    expect(res.status).toBe(200)
    expect(cookieValue(res, 'sa_refresh')).toBe(cookieValue(first, 'sa_refresh'))
    // No second rotation, so reuse detection did not end the session.
    expect(await findLiveSession(getApp().deps.dbh.db, session.id, new Date())).not.toBeNull()
  })
})
