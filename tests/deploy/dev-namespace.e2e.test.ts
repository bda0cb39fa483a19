// `bun run dev` keeps its Redis keys to its own data folder (issue 13, item 11): sign-in
// counters and jobs left in the shared local Redis by another checkout, or by the old default
// namespace, never reach a new demo. Runs the real dev entry point in a private data folder.
import { afterAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { parseConfig } from '../../src/config'
import { devRedisPrefix } from '../../src/infra/dev-namespace'
import { consumeLimit } from '../../src/infra/rate-limit'
import { startServer } from '../helpers/process'

const dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'sa-ns-')))
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null })
const poisoned: string[] = []

afterAll(async () => {
  for (const p of poisoned) {
    const keys = await redis.keys(`rl:${p}:*`)
    if (keys.length) await redis.del(...keys)
  }
  redis.disconnect()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** What an earlier run leaves behind: every sign-in from localhost used up. */
async function exhaustSignIns(prefix: string) {
  poisoned.push(prefix)
  const config = parseConfig({ APP_ENV: 'test', REDIS_PREFIX: prefix })
  const deps = { redis, config, queues: { prefix } } as never
  for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
    for (let i = 0; i <= config.RATE_LIMIT_SIGNIN_PER_IP; i++) await consumeLimit(deps, 'signin-ip', ip)
    expect((await consumeLimit(deps, 'signin-ip', ip)).ok).toBe(false)
  }
}

describe('development Redis namespace', () => {
  test('one prefix per data folder, stable across restarts, new when the folder is recreated', () => {
    const [a, b] = [dirs[0]!, dirs[1]!]
    expect(devRedisPrefix(a)).toMatch(/^dev-[0-9a-f]{12}$/)
    expect(devRedisPrefix(a)).toBe(devRedisPrefix(a))
    expect(devRedisPrefix(a)).not.toBe(devRedisPrefix(b))
    const before = devRedisPrefix(b)
    rmSync(b, { recursive: true, force: true })
    expect(devRedisPrefix(b)).not.toBe(before)
  })

  test('a fresh demo signs in although another checkout and the old default namespace used up every sign-in', async () => {
    const other = devRedisPrefix(dirs[1]!)
    await exhaustSignIns(other)
    await exhaustSignIns('sa')
    const mine = dirs[2]!
    const server = await startServer(
      { APP_ENV: 'development', DATA_DIR: mine, REDIS_PREFIX: undefined },
      { startTimeoutMs: 60_000 },
    )
    try {
      const prefix = /"redisPrefix":"([\w-]+)"/.exec(server.output())?.[1]
      expect(prefix).toBe(devRedisPrefix(mine))
      expect(prefix).not.toBe(other)
      const res = await fetch(`${server.base}/api/v1/auth/otp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ destination: '+15550100001' }),
      })
      expect(res.status).toBe(202)
      // Its counters and its queues live under its own prefix only.
      expect((await redis.keys(`rl:${prefix}:signin-ip:*`)).length).toBeGreaterThan(0)
      expect((await redis.keys(`${prefix}:*`)).length).toBeGreaterThan(0)
      poisoned.push(prefix!)
    } finally {
      // SIGTERM is handled once the workers are up (the shutdown hook is installed after them).
      for (let i = 0; i < 200 && !server.output().includes('workers started'); i++) await Bun.sleep(50)
      server.proc.kill('SIGTERM')
      expect(await server.exited).toBe(0)
    }
  }, 120_000)
})
