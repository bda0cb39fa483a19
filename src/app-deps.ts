// Builds AppDeps from a Config: the composition root shared by the server (web and workers), the
// tests' harness and the scripts, so each opens the same things the same way and closes them in the
// reverse order. It lives above the modules because it wires them (infra knows none of them).
import { mkdirSync } from 'node:fs'
import { loadKeyring } from './auth'
import type { Config } from './config'
import { openDb } from './infra/db'
import type { AppDeps } from './infra/deps'
import { createMetrics } from './infra/metrics'
import { createQueues } from './infra/queue'
import { createRedis } from './infra/redis'
import { createLiveHub } from './live'
import { createActiveRules } from './rules'
import { systemClock } from './shared/clock'

export function databaseUrl(config: Config): string {
  if (config.DATABASE_URL) return config.DATABASE_URL
  // Development without a database server: embedded PGlite (one process only, see ADR 0004).
  mkdirSync(config.DATA_DIR, { recursive: true })
  return `pglite://${config.DATA_DIR}/pglite`
}

export async function buildDeps(
  config: Config,
  opts: { queuePrefix?: string } = {},
): Promise<AppDeps & { close(): Promise<void> }> {
  const dbh = openDb(databaseUrl(config), {
    max: config.DATABASE_POOL_MAX,
    connectTimeoutS: config.DATABASE_CONNECT_TIMEOUT_S,
    idleTimeoutS: config.DATABASE_IDLE_TIMEOUT_S,
  })
  // Two connections: a fail-fast one for requests (health, rate limits) and a patient one that
  // BullMQ needs (maxRetriesPerRequest: null) for queues and workers.
  const redis = createRedis(config.REDIS_URL)
  const queueRedis = createRedis(config.REDIS_URL, { forWorkers: true })
  const queues = createQueues(queueRedis, opts.queuePrefix ?? config.REDIS_PREFIX)
  const deps: AppDeps = {
    config,
    dbh,
    redis,
    queues,
    metrics: createMetrics(),
    clock: systemClock,
    keyring: await loadKeyring(config.JWT_PRIVATE_KEYS),
    lifecycle: { draining: false },
    live: createLiveHub(redis),
    activeRules: createActiveRules(dbh.db, redis, systemClock),
  }
  return {
    ...deps,
    async close() {
      await queues.close().catch(() => {})
      await deps.activeRules?.close()
      await deps.live.close()
      redis.disconnect()
      queueRedis.disconnect()
      await dbh.close()
    },
  }
}
