// Builds the whole HTTP application from its dependencies. No listen() here: tests call
// app.handle() or listen on port 0 themselves; src/server.ts listens in production.
import { html } from '@elysiajs/html'
import { Elysia } from 'elysia'
import type { AppDeps } from '../infra/deps'
import { bodyLimit } from './plugins/body-limit'
import { errorMapper } from './plugins/errors'
import { httpMetrics } from './plugins/http-metrics'
import { requestContext } from './plugins/request-context'
import { securityHeaders } from './plugins/security-headers'
import { assetRoutes } from './routes/assets'
import { devRoutes } from './routes/dev'
import { healthRoutes } from './routes/health'
import { publicPages } from './routes/public-pages'

export function createApp(deps: AppDeps) {
  const app = new Elysia({ serve: { maxRequestBodySize: deps.config.MAX_BODY_BYTES } })
    .use(requestContext)
    .use(errorMapper)
    .use(securityHeaders({ hsts: deps.config.isProduction }))
    .use(httpMetrics(deps.metrics))
    .use(bodyLimit(deps.config.MAX_BODY_BYTES))
    .use(html())
    .use(healthRoutes(deps))
    .use(assetRoutes)
    .use(publicPages(deps))
  return deps.config.isProduction ? app : app.use(devRoutes(deps))
}

export type App = ReturnType<typeof createApp>
