// The admin console's pages beyond tenants, mounted as one plugin: app.ts's chain of .use()
// calls is at the depth where another four links exceed TypeScript's instantiation limit.
import { Elysia } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { adminAuditPortal } from './admin-audit'
import { adminOperationsPortal } from './admin-operations'
import { adminPeoplePortal } from './admin-people'
import { adminPosPortal } from './admin-pos'
import { adminReconciliationPortal } from './admin-reconciliation'
import { adminWebhooksPortal } from './admin-webhooks'

export function adminConsolePortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-admin-console' })
    .use(adminPeoplePortal(deps))
    .use(adminAuditPortal(deps))
    .use(adminReconciliationPortal(deps))
    .use(adminWebhooksPortal(deps))
    .use(adminOperationsPortal(deps))
    .use(adminPosPortal(deps))
}
