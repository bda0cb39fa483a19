// GET /api/v1/merchant/analytics?days=N (api-v1.md): the programme's figures over the last N
// local days (7..365, default 30). Every figure is defined in ADR 0026. Tenant from the token
// only; top members' contacts go through memberContact (staff masked, owners in full).
import { Elysia, t } from 'elysia'
import { programmeAnalytics, type TopMember } from '../../../analytics'
import type { AppDeps } from '../../../infra/deps'
import { type MerchantRole, memberContact } from '../../../members'
import { authPlugin, merchantScope } from '../../plugins/auth'

/** The window's bounds, in days; the portal's selector offers values inside them. */
export const analyticsDays = t.Object({ days: t.Optional(t.Integer({ minimum: 7, maximum: 365 })) })

const topMemberJson = (m: TopMember, role: MerchantRole) => {
  const c = memberContact(m, role)
  return {
    member_id: m.memberId,
    name: c.name,
    phone: c.phone,
    email: c.email,
    contact_masked: c.masked,
    visits: m.visits,
    points_earned: m.pointsEarned,
    balance: m.balance,
    last_visit_at: m.lastVisitAt.toISOString(),
  }
}

export function merchantAnalyticsApi(deps: AppDeps) {
  return new Elysia({ name: 'api-merchant-analytics' }).use(authPlugin(deps)).get(
    '/api/v1/merchant/analytics',
    async ({ actor, query }) => {
      const a = await programmeAnalytics(deps.dbh.db, merchantScope(actor), {
        now: deps.clock(),
        days: query.days ?? 30,
      })
      const role = actor.tenant?.role ?? 'merchant_staff'
      return {
        days: a.days,
        window_start: a.windowStart.toISOString(),
        as_of: a.asOf?.toISOString() ?? null,
        time_zone: a.timeZone,
        repeat_visit_rate: a.repeatVisitRate,
        visitors: a.visitors,
        repeat_visitors: a.repeatVisitors,
        active_30d: a.active30,
        active_90d: a.active90,
        points_issued: a.issued,
        points_redeemed: a.redeemed,
        points_expired: a.expired,
        breakage_rate: a.breakageRate,
        redemption_rate: a.redemptionRate,
        points_outstanding: a.outstanding,
        redemption_value_per_100_points: a.redemptionValuePer100Points,
        liability_minor: a.liabilityMinor,
        currency: a.currency,
        top_members: a.topMembers.map((m) => topMemberJson(m, role)),
        cohorts: a.cohorts.map((c) => ({ month: c.month, members: c.members, retention: c.retention })),
      }
    },
    {
      auth: 'merchant',
      query: analyticsDays,
      detail: {
        summary:
          'Programme analytics over the last `days` local days (7..365, default 30): {"repeat_visit_rate","active_30d","active_90d","points_issued","points_redeemed","points_expired","breakage_rate","redemption_rate","liability_minor","currency","top_members":[…],"cohorts":[…]}; rates are 0..1 or null when nothing was counted; member figures are as of `as_of` (the worker\'s rollup)',
      },
    },
  )
}
