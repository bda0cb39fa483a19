// Where "merchant" sign-in lands: the shop's overview (liability, members, 30 days of points as
// a chart) when a shop is active; in its first week (or while nothing has happened) a
// getting-started checklist; for a suspended shop, why and whom to contact; otherwise the
// account page to pick one. Also the printable QR poster for customers. Below the chart, the
// programme analytics over `?days=` (30 by default; ADR 0026).
import { Elysia } from 'elysia'
import QRCode from 'qrcode'
import type { AnalyticsView } from '../../../../views/merchant/analytics-figures'
import { DashboardPage } from '../../../../views/merchant/dashboard'
import { PosterPage, SuspendedPage } from '../../../../views/merchant/getting-started'
import { type ProgrammeAnalytics, programmeAnalytics } from '../../../analytics'
import { listAudit } from '../../../audit'
import type { AppDeps } from '../../../infra/deps'
import { programmeStats } from '../../../ledger'
import { type MerchantRole, memberContact } from '../../../members'
import { listMerchantConnections } from '../../../pos/connection'
import { listRuleVersions } from '../../../rules'
import { inTenant } from '../../../infra/scope'
import { formatMoney } from '../../../shared/money'
import { getTenant, staffCount } from '../../../tenancy'
import { analyticsDays } from '../api/merchant-analytics'
import { authPlugin, merchantScope } from '../../plugins/auth'

const FIRST_WEEK_MS = 7 * 24 * 3600_000

function analyticsView(a: ProgrammeAnalytics, role: MerchantRole): AnalyticsView {
  return {
    ...a,
    asOf: a.asOf?.toISOString() ?? null,
    liability: formatMoney(a.liabilityMinor, a.currency),
    valuePer100: formatMoney(a.redemptionValuePer100Points, a.currency),
    topMembers: a.topMembers.map((m) => ({
      label: memberContact(m, role).label,
      visits: m.visits,
      pointsEarned: m.pointsEarned,
      balance: m.balance,
      lastVisit: m.lastVisitAt.toISOString(),
    })),
  }
}

export function merchantHomePortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-merchant-home' })
    .use(authPlugin(deps))
    .get(
      '/merchant',
      async ({ actor, query, redirect, set }) => {
        if (actor.tenant?.status === 'suspended') {
          const [why] = await listAudit(db, { targetId: actor.tenant.id, action: 'tenant.suspend', limit: 1 })
          set.status = 403
          return SuspendedPage({
            shopName: actor.tenant.name,
            reason: why?.reason ?? null,
            supportEmail: deps.config.SUPPORT_EMAIL ?? null,
          })
        }
        if (!actor.tenant || actor.tenant.status !== 'active') return redirect('/account', 303)
        const scope = merchantScope(actor)
        const now = deps.clock()
        const tenant = await getTenant(db, actor.tenant.id)
        const stats = await programmeStats(db, scope, { now, timeZone: tenant?.timeZone ?? 'UTC', days: 30 })
        const firstWeek = !!tenant && now.getTime() - tenant.createdAt.getTime() < FIRST_WEEK_MS
        const quiet = stats.members === 0 && stats.outstanding === 0
        const analytics = quiet
          ? undefined
          : analyticsView(await programmeAnalytics(db, scope, { now, days: query.days ?? 30 }), actor.tenant.role)
        if (!firstWeek && !quiet) return DashboardPage({ shopName: actor.tenant.name, ...stats, analytics })
        const checklist = {
          posConnected: (await listMerchantConnections(deps, scope)).length > 0,
          // The first version is the default every shop starts with; a second one was chosen.
          rulesReviewed: (await inTenant(db, scope, (tx) => listRuleVersions(tx, scope.tenantId, 2))).length > 1,
          staffInvited: (await staffCount(deps, scope)) > 0,
          canEdit: actor.tenant.role === 'merchant_owner',
        }
        return DashboardPage({ shopName: actor.tenant.name, ...stats, checklist, analytics })
      },
      { auth: 'consumer', query: analyticsDays },
    )
    .get(
      '/merchant/poster',
      async ({ actor }) => {
        // Customers join through the consumer sign-in: a wallet appears once their phone or email is verified.
        const joinUrl = new URL('/signin?as=consumer', deps.config.APP_BASE_URL).toString()
        const qrDataUrl = await QRCode.toDataURL(joinUrl, { margin: 1, width: 640, errorCorrectionLevel: 'M' })
        return PosterPage({ shopName: actor.tenant?.name ?? 'Your shop', joinUrl, qrDataUrl })
      },
      { auth: 'merchant' },
    )
}
