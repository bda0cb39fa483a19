// The active-rules cache against real Redis and Postgres. Two cache instances stand for two
// processes: a publish through one must reach the other through pub/sub, and a Redis outage
// must shorten how long anything is trusted.
import { afterEach, describe, expect, test } from 'bun:test'
import type { Redis } from 'ioredis'
import { createRedis } from '../../src/infra/redis'
import {
  type ActiveRulesCache,
  createActiveRulesCache,
  getActiveRules,
  publishRules,
  type StoredRuleVersion,
} from '../../src/rules'
// The cache's loader, wrapped by these tests to count and stall loads.
import { loadActiveRuleVersion } from '../../src/rules/load-active-rule-version'
import { useTestApp } from '../helpers/app'
import { makeTenant } from '../helpers/identities'
import { tcpProxy } from '../helpers/tcp-proxy'

const getApp = useTestApp()
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

/** A "process": its own Redis connection and cache, with a loader that counts database reads. */
function processWith(
  opts: { redisUrl?: string; ttlMs?: number; degradedTtlMs?: number; maxEntries?: number; now?: () => number } = {},
) {
  const redis: Redis = createRedis(opts.redisUrl ?? getApp().config.REDIS_URL)
  const loads: string[] = []
  const cache = createActiveRulesCache({
    redis,
    load: (tenantId) => {
      loads.push(tenantId)
      return loadActiveRuleVersion(getApp().deps.dbh.db, tenantId, new Date())
    },
    ttlMs: opts.ttlMs ?? 3_600_000,
    degradedTtlMs: opts.degradedTtlMs ?? 1_000,
    maxEntries: opts.maxEntries ?? 100,
    ...(opts.now ? { now: opts.now } : {}),
  })
  cleanups.push(async () => {
    await cache.close()
    redis.disconnect()
  })
  return { cache, loads, redis }
}

async function until(check: () => boolean | Promise<boolean>, ms = 3_000) {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await Bun.sleep(10)
  }
}

const listening = (c: ActiveRulesCache) => until(() => c.isListening())
const doubled = {
  schema_version: 1,
  currency: 'USD',
  rules: [{ kind: 'points_per_spend', config: { points: 2, per_minor_units: 100 } }],
}

describe('active rules cache', () => {
  test('a webhook burst reads the rules table once per tenant, not once per event', async () => {
    const { cache, loads } = processWith()
    await listening(cache)
    const t = await makeTenant(getApp().deps)
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.getActiveRules(t.id)))
    await cache.getActiveRules(t.id)
    expect(new Set(results.map((r) => r.id)).size).toBe(1)
    expect(loads).toEqual([t.id])
  })

  test('a publish in one process invalidates the other process at once, through Redis pub/sub', async () => {
    const a = processWith()
    const b = processWith()
    await Promise.all([listening(a.cache), listening(b.cache)])
    const t = await makeTenant(getApp().deps)
    const v1 = await b.cache.getActiveRules(t.id)
    expect(v1.version).toBe(1)

    const deps = { ...getApp().deps, activeRules: a.cache }
    const v2 = await publishRules(
      deps,
      { tenantId: t.id },
      { ruleSetInput: doubled, actorUserId: 'u', now: new Date() },
    )
    // The publishing process never serves its own stale copy…
    expect((await getActiveRules(deps, t.id)).id).toBe(v2.id)
    // …and the other one picks the new version up well before its one-hour TTL.
    await until(async () => (await b.cache.getActiveRules(t.id)).id === v2.id)
    expect(b.loads).toEqual([t.id, t.id])
  })

  test('a load racing a publish does not put the replaced version back into the cache', async () => {
    const redis = createRedis(getApp().config.REDIS_URL)
    const t = await makeTenant(getApp().deps)
    const v1 = await loadActiveRuleVersion(getApp().deps.dbh.db, t.id, new Date())
    let release: (v: StoredRuleVersion) => void = () => {}
    let calls = 0
    const cache = createActiveRulesCache({
      redis,
      load: (tenantId) =>
        ++calls === 1
          ? new Promise((r) => (release = r))
          : loadActiveRuleVersion(getApp().deps.dbh.db, tenantId, new Date()),
    })
    cleanups.push(async () => {
      await cache.close()
      redis.disconnect()
    })
    await listening(cache)
    const slow = cache.getActiveRules(t.id)
    const v2 = await publishRules(
      { ...getApp().deps, activeRules: cache },
      { tenantId: t.id },
      { ruleSetInput: doubled, actorUserId: 'u', now: new Date() },
    )
    release(v1)
    expect((await slow).id).toBe(v1.id)
    expect((await cache.getActiveRules(t.id)).id).toBe(v2.id)
  })

  test('the cache is bounded: the least recently used tenant is dropped first', async () => {
    const { cache, loads } = processWith({ maxEntries: 2 })
    await listening(cache)
    const [t1, t2, t3] = await Promise.all([
      makeTenant(getApp().deps),
      makeTenant(getApp().deps),
      makeTenant(getApp().deps),
    ])
    await cache.getActiveRules(t1.id)
    await cache.getActiveRules(t2.id)
    await cache.getActiveRules(t1.id) // t1 is now the most recent
    await cache.getActiveRules(t3.id) // evicts t2
    await cache.getActiveRules(t1.id)
    await cache.getActiveRules(t2.id)
    expect(loads).toEqual([t1.id, t2.id, t3.id, t2.id])
  })

  test('with Redis unreachable it keeps working on a short TTL, and drops everything once it can listen again', async () => {
    const proxy = tcpProxy({ host: '127.0.0.1', port: Number(new URL(getApp().config.REDIS_URL).port || 6379) })
    cleanups.push(() => proxy.close())
    let clock = 1_000_000
    const { cache, loads } = processWith({
      redisUrl: `redis://127.0.0.1:${proxy.port}`,
      degradedTtlMs: 5_000,
      now: () => clock,
    })
    await listening(cache)
    const t = await makeTenant(getApp().deps)
    await cache.getActiveRules(t.id)

    proxy.stop()
    await until(() => !cache.isListening())
    // Invalidations could be missed now, so a cached version is trusted for seconds, not an hour.
    const loadsAfter = async (ms: number) => {
      clock += ms
      await cache.getActiveRules(t.id)
      return loads.length
    }
    expect(await loadsAfter(4_000)).toBe(1)
    expect(await loadsAfter(2_000)).toBe(2)
    expect(await loadsAfter(4_000)).toBe(2)
    expect(await loadsAfter(2_000)).toBe(3)

    proxy.start()
    await listening(cache)
    // Back on pub/sub: whatever was loaded while deaf is dropped, then trusted for the long TTL.
    expect(await loadsAfter(0)).toBe(4)
    expect(await loadsAfter(60_000)).toBe(4)
  }, 20_000)
})
