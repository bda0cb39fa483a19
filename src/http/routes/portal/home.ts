// Where "merchant" sign-in lands: the shop's overview (liability, members, 30 days of points as
// a chart) when a shop is active, otherwise the account page to pick one.
import { Elysia } from 'elysia'
import { DashboardPage } from '../../../../views/merchant/dashboard'
import type { AppDeps } from '../../../infra/deps'
import { programmeStats } from '../../../ledger'
import { getTenant } from '../../../tenancy'
import { authPlugin } from '../../plugins/auth'

export function merchantHomePortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-merchant-home' }).use(authPlugin(deps)).get(
    '/merchant',
    async ({ actor, redirect }) => {
      if (!actor.tenant || actor.tenant.status !== 'active') return redirect('/account', 303)
      const tenant = await getTenant(deps.dbh.db, actor.tenant.id)
      const stats = await programmeStats(deps.dbh.db, { tenantId: actor.tenant.id }, { now: deps.clock(), timeZone: tenant?.timeZone ?? 'UTC', days: 30 })
      return DashboardPage({ shopName: actor.tenant.name, ...stats })
    },
    { auth: 'consumer' },
  )
}
