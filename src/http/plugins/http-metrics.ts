// Request count, latency and one access-log line per request, by route *template* (never the
// raw path or query, which can carry phone numbers and emails) and status.
import { Elysia } from 'elysia'
import { log } from '../../infra/logger'
import type { Metrics } from '../../infra/metrics'

/**
 * The status the client got. A handler that returns a Response (idempotent writes, webhooks,
 * JSON errors) leaves `set.status` at its default, so the Response's own status comes first.
 */
function statusOf(response: unknown, setStatus: number | string | undefined): number | string {
  return response instanceof Response ? response.status : (setStatus ?? 200)
}

export function httpMetrics(metrics: Metrics) {
  const started = new WeakMap<Request, number>()
  return new Elysia({ name: 'http-metrics' })
    .onRequest(({ request }) => {
      started.set(request, performance.now())
    })
    .onAfterResponse({ as: 'global' }, (ctx) => {
      const { request, route, set } = ctx
      const t0 = started.get(request)
      if (t0 === undefined) return
      const labels = {
        method: request.method,
        route: route || 'unmatched',
        status: String(statusOf(ctx.responseValue, set.status)),
      }
      metrics.httpRequests.inc(labels)
      const seconds = (performance.now() - t0) / 1000
      metrics.httpDuration.observe(labels, seconds)
      // An accepted POS delivery is counted (webhooks_total) and kept in the inbox; a synchronous
      // log line for each would cost more than storing it (ADR 0019). Refusals still log.
      const routine = labels.route === '/webhooks/:provider' && labels.status === '200'
      log[routine ? 'debug' : 'info']({ ...labels, ms: Math.round(seconds * 1000) }, 'request')
    })
}
