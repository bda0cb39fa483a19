// What a worker-only process serves: health and metrics, so Fly can check worker machines
// and Prometheus can scrape job metrics. No portal, no API.
import { Elysia } from 'elysia'
import type { AppDeps } from '../infra/deps'
import { errorMapper } from './plugins/errors'
import { requestContext } from './plugins/request-context'
import { healthRoutes } from './routes/health'

export function createOpsApp(deps: AppDeps) {
  return new Elysia().use(requestContext).use(errorMapper).use(healthRoutes(deps))
}
