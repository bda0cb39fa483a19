// POS ingestion's HTTP surface in one plugin (one line in app.ts): the provider webhooks, the
// admin link/replay API, and the merchant's transactions API and portal page.
import { Elysia } from 'elysia'
import type { AppDeps } from '../../infra/deps'
import { adminPosApiRoutes } from './api/admin-pos'
import { merchantTransactionsApi } from './api/merchant-transactions'
import { merchantTransactionsPortal } from './portal/merchant-transactions'
import { webhookRoutes } from './webhooks'

export function posIngestionRoutes(deps: AppDeps) {
  return new Elysia({ name: 'pos-ingestion' })
    .use(webhookRoutes(deps))
    .use(adminPosApiRoutes(deps))
    .use(merchantTransactionsApi(deps))
    .use(merchantTransactionsPortal(deps))
}
