// What a worker-only process serves: health (and metrics when they share the public port), so
// Fly can check worker machines and Prometheus can scrape job metrics. No portal, no API.
// createMetricsApp is the private listener on METRICS_PORT, in web and worker processes alike.
import { Elysia } from 'elysia'
import type { AppDeps } from '../infra/deps'
import { errorMapper } from './plugins/errors'
import { requestContext } from './plugins/request-context'
import { healthRoutes, metricsOnPublicPort, metricsRoutes } from './routes/health'

export function createOpsApp(deps: AppDeps) {
  return new Elysia()
    .use(requestContext)
    .use(errorMapper)
    .use(healthRoutes(deps))
    .use(metricsOnPublicPort(deps.config) ? metricsRoutes(deps) : new Elysia())
}

/** Only GET /metrics: this port is reachable on the private network alone. */
export function createMetricsApp(deps: AppDeps) {
  return new Elysia().use(requestContext).use(errorMapper).use(metricsRoutes(deps))
}
