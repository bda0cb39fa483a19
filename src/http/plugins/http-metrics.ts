// Request count and latency by route *template* (never the raw path) and status.
import { Elysia } from 'elysia'
import type { Metrics } from '../../infra/metrics'

export function httpMetrics(metrics: Metrics) {
  const started = new WeakMap<Request, number>()
  return new Elysia({ name: 'http-metrics' })
    .onRequest(({ request }) => {
      started.set(request, performance.now())
    })
    .onAfterResponse({ as: 'global' }, ({ request, route, set }) => {
      const t0 = started.get(request)
      if (t0 === undefined) return
      const labels = { method: request.method, route: route || 'unmatched', status: String(set.status ?? 200) }
      metrics.httpRequests.inc(labels)
      metrics.httpDuration.observe(labels, (performance.now() - t0) / 1000)
    })
}
