// Gauges read at scrape time, each from the source of truth, so an alert never depends on a
// counter some code path forgot to bump. Every reader is bounded and independent: a dead Redis
// or a slow database leaves that gauge at its last value (or redis_up = 0) and the scrape still
// answers. What each gauge feeds is in ops/alerts.yml.
import { sql } from 'drizzle-orm'
import { execRows } from '../../infra/db'
import type { AppDeps } from '../../infra/deps'
import { queueNames } from '../../infra/queue'
import { pingRedis } from '../../infra/redis'
import { countConnectionsByStatus } from '../../pos/connection'
import { oldestUnprocessedAgeSeconds } from '../../pos/ingest'

export async function refreshPlatformGauges(deps: AppDeps): Promise<void> {
  await Promise.all([queueGauges(deps), redisGauge(deps), databaseGauges(deps)])
}

async function queueGauges(deps: AppDeps) {
  try {
    await Promise.all(
      queueNames.map(async (name) => {
        const c = await deps.queues.get(name).getJobCounts('waiting', 'delayed', 'active', 'failed')
        for (const [state, n] of Object.entries(c)) deps.metrics.queueDepth.set({ queue: name, state }, n)
      }),
    )
    deps.metrics.dlqSize.set(await deps.queues.deadLetter.count())
  } catch {
    // Redis down: redis_up says so; queue gauges keep their last values.
  }
}

async function redisGauge(deps: AppDeps) {
  try {
    await pingRedis(deps.redis, 1_000)
    deps.metrics.redisUp.set(1)
  } catch {
    deps.metrics.redisUp.set(0)
  }
}

async function databaseGauges(deps: AppDeps) {
  try {
    const db = deps.dbh.db
    deps.metrics.inboxLag.set(await oldestUnprocessedAgeSeconds(db, deps.clock()))
    deps.metrics.posConnections.reset()
    for (const c of await countConnectionsByStatus(db))
      deps.metrics.posConnections.set({ provider: c.provider, status: c.status }, c.count)
    if (deps.dbh.kind !== 'postgres') return
    // The database's own view of its connections: pool saturation shows here first.
    const states = await execRows<{ state: string; n: number }>(
      db,
      sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity where datname = current_database() group by 1`,
    )
    deps.metrics.dbConnections.reset()
    for (const s of states) deps.metrics.dbConnections.set({ state: s.state }, Number(s.n))
    const [max] = await execRows<{ max: string }>(db, sql`select current_setting('max_connections') as max`)
    deps.metrics.dbConnectionsMax.set(Number(max?.max ?? 0))
  } catch {
    // Database down: /health/ready reports it; the scrape still answers.
  }
}
