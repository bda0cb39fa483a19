// Liveness, readiness (real checks of Postgres and Redis) and Prometheus metrics. Metrics are
// their own plugin: with METRICS_PORT they are served only on that private port (ADR 0017).
import { Elysia } from 'elysia'
import type { AppDeps } from '../../infra/deps'
import { pingRedis } from '../../infra/redis'
import { refreshPlatformGauges } from './platform-gauges'

type CheckResult = 'ok' | 'fail'

async function check(fn: () => Promise<void>, timeoutMs: number): Promise<CheckResult> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([fn(), new Promise((_, r) => (timer = setTimeout(() => r(new Error('timeout')), timeoutMs)))])
    return 'ok'
  } catch {
    return 'fail'
  } finally {
    clearTimeout(timer)
  }
}

export function healthRoutes(deps: AppDeps) {
  return new Elysia({ name: 'health' })
    .get('/health/live', () => ({ status: 'ok' }))
    .get('/health/ready', async ({ set }) => {
      const [database, redis] = await Promise.all([
        check(() => deps.dbh.ping(), 1_500),
        check(() => pingRedis(deps.redis, 1_500), 1_500),
      ])
      const checks: Record<string, string> = { database, redis }
      if (deps.lifecycle.draining) checks.shutdown = 'draining'
      const ok = database === 'ok' && redis === 'ok' && !deps.lifecycle.draining
      set.status = ok ? 200 : 503
      set.headers['cache-control'] = 'no-store'
      return { status: ok ? 'ok' : 'unavailable', checks }
    })
}

export function metricsRoutes(deps: AppDeps) {
  return new Elysia({ name: 'metrics' }).get('/metrics', async ({ set }) => {
    await refreshPlatformGauges(deps)
    set.headers['content-type'] = deps.metrics.registry.contentType
    set.headers['cache-control'] = 'no-store'
    return deps.metrics.registry.metrics()
  })
}

/**
 * Whether /metrics is served on the public port: only outside production and only when no
 * private METRICS_PORT is configured. Production never exposes it there (ADR 0017).
 */
export const metricsOnPublicPort = (config: AppDeps['config']) =>
  !config.isProduction && config.METRICS_PORT === undefined
