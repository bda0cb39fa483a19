// Every route of the real app, and how the cross-tenant matrix (tenant-isolation.security.test.ts)
// must call it. A route missing here FAILS that test, naming the route.
//
// ADDING A ROUTE: add one entry keyed `METHOD /path/:param` (exactly as Elysia lists it):
//   - public routes:   { public: 'why it needs no session' }
//   - everything else: { roles: [...who may call it], params?, body?, query?, form? }
//       roles    - 'consumer' (any signed-in user), 'staff' / 'owner' (tenant A's merchant
//                  users, tenant A active), 'admin' (platform admin).
//       params   - a builder per path param that returns TENANT B's id (from ForeignIds, see
//                  foreign-tenant.ts; seed a new kind of object there if needed).
//       body / query - built from B's ids too, wherever the route accepts an id.
//       form     - true for portal routes that take urlencoded forms (CSRF is sent for you).
//       platform - true when admins legitimately act on any tenant (admin is then not probed).
// The test then calls the route as anonymous, consumer, staff, owner and admin with B's ids and
// requires 401/403/404 (or, for a route with no foreign input, a response without B's data),
// and no change to any of tenant B's rows.
import type { ForeignIds } from './foreign-tenant'

export type Role = 'consumer' | 'staff' | 'owner' | 'admin'
type Build<T> = (f: ForeignIds) => T
export type RouteSpec =
  | { public: string }
  | {
      roles: Role[]
      params?: Record<string, Build<string>>
      body?: Build<Record<string, unknown>>
      query?: Build<Record<string, string>>
      form?: boolean
      platform?: boolean
    }

const merchant: Role[] = ['staff', 'owner']
const anyone: Role[] = ['consumer', 'staff', 'owner', 'admin']

export const routeSpecs: Record<string, RouteSpec> = {
  // Operations and static files
  'GET /health/live': { public: 'liveness probe' },
  'GET /health/ready': { public: 'readiness probe' },
  'GET /metrics': {
    public:
      'Prometheus scrape, on the public port only in development and test (production: METRICS_PORT only, ADR 0017)',
  },
  'GET /assets/:file': { public: 'static assets' },
  'GET /': { public: 'landing page' },
  'GET /.well-known/jwks.json': { public: 'public keys' },
  'GET /api/openapi.json': { public: 'the public contract' },
  'GET /api/docs': { public: 'the public contract, human page' },
  'GET /dev/outbox.json': { public: 'development and test only; not mounted in production' },
  'GET /dev/outbox': { public: 'development and test only; not mounted in production' },
  'GET /dev/sleep': { public: 'development and test only; not mounted in production' },
  // Sign-in
  'POST /api/v1/auth/otp': { public: 'sign-in step one' },
  'POST /api/v1/auth/verify': { public: 'sign-in step two' },
  'POST /api/v1/auth/refresh': { public: 'holder of a refresh token' },
  'GET /signin': { public: 'sign-in page' },
  'POST /signin/code': { public: 'sign-in step one (portal)' },
  'POST /signin/verify': { public: 'sign-in step two (portal)' },
  'POST /signout': { public: 'ends whatever session the cookies name' },
  'POST /api/v1/auth/logout': { roles: anyone },
  // Me
  'GET /api/v1/me': { roles: anyone },
  'GET /api/v1/events': { roles: anyone },
  'PATCH /api/v1/me': { roles: anyone, body: () => ({ birthday: '04-17' }) },
  'POST /account/birthday': { roles: anyone, form: true, body: () => ({ month: '04', day: '17' }) },
  'GET /merchant': { roles: anyone }, // a shop's own overview; no foreign input
  'GET /merchant/settings': { roles: merchant },
  'POST /merchant/settings/identity': { roles: ['owner'], form: true, body: () => ({ priority: 'email' }) },
  'GET /merchant/data': { roles: ['owner'] },
  // Shop settings, team, member detail (issue 14.1–14.3)
  'GET /brand.css': { public: "a shop's brand colour as CSS; a colour is no one's data" },
  'GET /api/v1/merchant/settings': { roles: merchant },
  // Programme analytics (issue 14.6): no foreign input; the answer must not carry B's figures.
  'GET /api/v1/merchant/analytics': { roles: merchant, query: () => ({ days: '90' }) },
  'PATCH /api/v1/merchant/settings': {
    roles: ['owner'],
    body: () => ({ name: 'Probe shop', time_zone: 'Europe/London' }),
  },
  'GET /merchant/settings/zone-preview': { roles: ['owner'], query: () => ({ time_zone: 'Europe/London' }) },
  'POST /merchant/settings/shop': { roles: ['owner'], form: true, body: () => ({ name: 'Probe shop' }) },
  'GET /api/v1/merchant/team': { roles: merchant },
  'POST /api/v1/merchant/team/invites': {
    roles: ['owner'],
    body: () => ({ destination: 'probe.invite@shop.test', role: 'merchant_staff' }),
  },
  'PATCH /api/v1/merchant/team/:userId': {
    roles: ['owner'],
    params: { userId: (f) => f.userId },
    body: () => ({ role: 'merchant_staff' }),
  },
  'DELETE /api/v1/merchant/team/:userId': { roles: ['owner'], params: { userId: (f) => f.userId } },
  'GET /merchant/team': { roles: merchant },
  'POST /merchant/team/invites': {
    roles: ['owner'],
    form: true,
    body: () => ({ destination: '+15550100777', role: 'merchant_staff' }),
  },
  'POST /merchant/team/:userId/role': {
    roles: ['owner'],
    form: true,
    params: { userId: (f) => f.userId },
    body: () => ({ role: 'merchant_staff' }),
  },
  'POST /merchant/team/:userId/remove': { roles: ['owner'], form: true, params: { userId: (f) => f.userId } },
  'POST /api/v1/merchant/members/:memberId/adjustments': {
    roles: ['owner'],
    params: { memberId: (f) => f.memberId },
    body: () => ({ points: 5, reason: 'probe' }),
  },
  'POST /merchant/members/:memberId/adjustments': {
    roles: ['owner'],
    form: true,
    params: { memberId: (f) => f.memberId },
    body: () => ({ points: '5', reason: 'probe', request_key: crypto.randomUUID() }),
  },
  'GET /merchant/exports/:file': { roles: ['owner'], params: { file: () => 'members.csv' } },
  // A phone number is nobody's id: importing one into shop A touches nothing of B's.
  'POST /merchant/imports/members': {
    roles: ['owner'],
    form: true,
    body: () => ({ dry_run: 'false', file: 'phone,points\n+14155550999,5\n' }),
  },
  'GET /api/v1/merchant/exports/:file': { roles: ['owner'], params: { file: () => 'ledger.json' } },
  'POST /api/v1/merchant/imports/members': {
    roles: ['owner'],
    body: () => ({ csv: 'phone,points\n+14155550999,5\n' }),
  },
  'GET /merchant/poster': { roles: merchant }, // the shop's own poster; no foreign input
  'POST /api/v1/me/active-tenant': { roles: anyone, body: (f) => ({ tenant_id: f.tenantId }) },
  // Only ever the caller's own account; no tenant input at all.
  'POST /api/v1/me/contacts': {
    roles: anyone,
    body: () => ({ destination: `probe-${crypto.randomUUID().slice(0, 8)}@example.com` }),
  },
  'POST /api/v1/me/contacts/verify': {
    roles: anyone,
    body: () => ({ destination: 'probe@example.com', code: '000000' }),
  },
  'GET /account': { roles: anyone },
  'GET /fragments/status': { roles: anyone }, // system status on the account page; no foreign input
  'POST /account/tenant': { roles: anyone, form: true, body: (f) => ({ tenant_id: f.tenantId }) },
  'POST /account/contacts': {
    roles: anyone,
    form: true,
    body: () => ({ destination: `probe-${crypto.randomUUID().slice(0, 8)}@example.com` }),
  },
  'POST /account/contacts/verify': {
    roles: anyone,
    form: true,
    body: () => ({ destination: 'probe@example.com', code: '000000' }),
  },
  // Platform admin: platform-wide by design
  'GET /api/v1/admin/tenants': { roles: ['admin'], platform: true },
  'POST /api/v1/admin/tenants': {
    roles: ['admin'],
    platform: true,
    body: () => ({ name: 'X', slug: `x-${crypto.randomUUID().slice(0, 6)}`, owner_email: 'x@x.test' }),
  },
  'POST /api/v1/admin/tenants/:id/suspend': {
    roles: ['admin'],
    platform: true,
    params: { id: (f) => f.tenantId },
    body: () => ({ reason: 'probe' }),
  },
  'POST /api/v1/admin/tenants/:id/reinstate': {
    roles: ['admin'],
    platform: true,
    params: { id: (f) => f.tenantId },
    body: () => ({ reason: 'probe' }),
  },
  'GET /admin/tenants': { roles: ['admin'], platform: true },
  'POST /admin/tenants': {
    roles: ['admin'],
    platform: true,
    form: true,
    body: () => ({ name: 'X', slug: `y-${crypto.randomUUID().slice(0, 6)}`, owner_email: 'x@x.test' }),
  },
  'POST /admin/tenants/:id/suspend': {
    roles: ['admin'],
    platform: true,
    form: true,
    params: { id: (f) => f.tenantId },
    body: () => ({ reason: 'probe' }),
  },
  'POST /admin/tenants/:id/reinstate': {
    roles: ['admin'],
    platform: true,
    form: true,
    params: { id: (f) => f.tenantId },
    body: () => ({ reason: 'probe' }),
  },
  'GET /api/v1/admin/consumers': { roles: ['admin'], platform: true, query: (f) => ({ phone: f.consumerPhone }) },
  'POST /api/v1/admin/wallets/:walletId/adjustments': {
    roles: ['admin'],
    platform: true,
    params: { walletId: (f) => f.walletId },
    body: () => ({ points: 1, reason: 'probe' }),
  },
  'GET /api/v1/admin/audit-events': { roles: ['admin'], platform: true },
  'POST /api/v1/admin/reconciliation-runs': { roles: ['admin'], platform: true },
  'GET /api/v1/admin/reconciliation-runs': { roles: ['admin'], platform: true },
  'GET /api/v1/admin/reconciliation-runs/:runId/findings': {
    roles: ['admin'],
    platform: true,
    params: { runId: () => 'rec_none' },
  },
  // Admin console (portal)
  'GET /admin/people': { roles: ['admin'], platform: true },
  'POST /admin/people/search': { roles: ['admin'], platform: true, form: true, body: (f) => ({ q: f.consumerPhone }) },
  'POST /admin/wallets/:walletId/adjustments': {
    roles: ['admin'],
    platform: true,
    form: true,
    params: { walletId: (f) => f.walletId },
    body: () => ({ points: '1', reason: 'probe', request_key: crypto.randomUUID() }),
  },
  'GET /admin/audit': { roles: ['admin'], platform: true },
  'GET /admin/reconciliation': { roles: ['admin'], platform: true },
  'POST /admin/reconciliation/runs': { roles: ['admin'], platform: true, form: true },
  'GET /admin/reconciliation/rows': { roles: ['admin'], platform: true },
  'GET /admin/reconciliation/jobs/:jobId': {
    roles: ['admin'],
    platform: true,
    params: { jobId: () => 'reconcile-manual-0' },
  },
  'GET /admin/reconciliation/runs/:runId': { roles: ['admin'], platform: true, params: { runId: () => 'rec_none' } },
  'GET /admin/webhook-events': { roles: ['admin'], platform: true },
  'POST /admin/webhook-events/:id/replay': {
    roles: ['admin'],
    platform: true,
    form: true,
    params: { id: (f) => f.inboxEventId },
    body: () => ({ reason: 'probe' }),
  },
  'GET /admin/connections': { roles: ['admin'], platform: true },
  'GET /admin/wallets/:walletId': { roles: ['admin'], platform: true, params: { walletId: (f) => f.walletId } },
  'GET /admin/dead-letter': { roles: ['admin'], platform: true },
  'POST /admin/dead-letter/replay': {
    roles: ['admin'],
    platform: true,
    form: true,
    body: () => ({ reason: 'probe replay' }),
  },
  // Consumer
  'GET /api/v1/consumer/wallets': { roles: anyone },
  'GET /api/v1/consumer/wallets/:walletId/entries': { roles: anyone, params: { walletId: (f) => f.walletId } },
  'GET /api/v1/consumer/wallets/:walletId/referral': { roles: anyone, params: { walletId: (f) => f.walletId } },
  'POST /api/v1/consumer/redemptions': { roles: anyone, body: (f) => ({ wallet_id: f.walletId, points: 100 }) },
  'GET /api/v1/consumer/redemptions/:redemptionId': { roles: anyone, params: { redemptionId: (f) => f.redemptionId } },
  'DELETE /api/v1/consumer/me': { roles: anyone },
  'GET /wallets': { roles: anyone },
  'GET /wallets/:walletId': { roles: anyone, params: { walletId: (f) => f.walletId } },
  'POST /wallets/:walletId/redeem': {
    roles: anyone,
    form: true,
    params: { walletId: (f) => f.walletId },
    body: () => ({ points: '100', request_key: crypto.randomUUID() }),
  },
  'POST /wallets/:walletId/notifications': {
    roles: anyone,
    form: true,
    params: { walletId: (f) => f.walletId },
    body: () => ({ email: 'yes', sms: 'yes' }),
  },
  'GET /redemptions/:redemptionId': { roles: anyone, params: { redemptionId: (f) => f.redemptionId } },
  'GET /redemptions/:redemptionId/status': { roles: anyone, params: { redemptionId: (f) => f.redemptionId } },
  'POST /redemptions/:redemptionId/cancel': {
    roles: anyone,
    form: true,
    params: { redemptionId: (f) => f.redemptionId },
  },
  // Merchant
  'GET /api/v1/merchant/members': { roles: merchant },
  'GET /api/v1/merchant/transactions/:id/claim': { roles: merchant, params: { id: (f) => f.transactionId } },
  'POST /api/v1/consumer/claims': { roles: anyone, body: () => ({ code: 'ZZZZZ-ZZZZZ' }) },
  'GET /merchant/transactions/:id/claim': { roles: merchant, params: { id: (f) => f.transactionId } },
  'GET /claim': { roles: anyone },
  'GET /r/:code': {
    public: "a referral link's page: names the inviting shop and its welcome points, nothing of the inviter",
  },
  'POST /claim': { roles: anyone, form: true, body: () => ({ code: 'ZZZZZ-ZZZZZ' }) },
  'GET /api/v1/merchant/members/:memberId': { roles: merchant, params: { memberId: (f) => f.memberId } },
  'GET /api/v1/merchant/redemptions/:code': { roles: merchant, params: { code: (f) => f.redemptionCode } },
  'POST /api/v1/merchant/redemptions/:code/complete': { roles: merchant, params: { code: (f) => f.redemptionCode } },
  'GET /api/v1/merchant/rules': { roles: merchant },
  'POST /api/v1/merchant/rules': {
    roles: ['owner'],
    body: () => ({
      rule_set: {
        schema_version: 1,
        currency: 'USD',
        rules: [
          {
            kind: 'points_per_spend',
            config: { points: 2, per_minor_units: 100, include_tax: false, include_tip: false },
          },
        ],
      },
    }),
  },
  'POST /api/v1/merchant/rules/preview': { roles: merchant, body: () => ({ transaction: { total: 1999 } }) },
  'GET /api/v1/merchant/rewards': { roles: merchant },
  'PUT /api/v1/merchant/rewards': { roles: ['owner'], body: () => ({ rewards: [{ name: 'Probe', points: 5 }] }) },
  'GET /merchant/rewards': { roles: merchant },
  'POST /merchant/rewards': {
    roles: ['owner'],
    form: true,
    body: () => ({ 'rewards.0.name': 'Probe', 'rewards.0.points': '5' }),
  },
  'GET /merchant/redeem': { roles: merchant },
  'POST /merchant/redeem/lookup': { roles: merchant, form: true, body: (f) => ({ code: f.redemptionCode }) },
  'POST /merchant/redeem/complete': { roles: merchant, form: true, body: (f) => ({ code: f.redemptionCode }) },
  'GET /merchant/rules': { roles: merchant },
  'POST /merchant/rules/check': {
    roles: merchant,
    form: true,
    body: () => ({ 'spend.points': '2', 'spend.per': '1.00' }),
  },
  'POST /merchant/rules/campaigns': {
    roles: merchant,
    form: true,
    body: () => ({ 'spend.points': '2', 'spend.per': '1.00' }),
  },
  'POST /merchant/rules/preview': {
    roles: merchant,
    form: true,
    body: () => ({ 'spend.points': '2', 'spend.per': '1.00', 'sale.amount': '19.99' }),
  },
  'POST /merchant/rules/backtests': {
    roles: merchant,
    form: true,
    body: () => ({ 'spend.points': '2', 'spend.per': '1.00' }),
  },
  'GET /merchant/rules/backtests/:id': { roles: merchant, params: { id: (f) => f.backtestId } },
  'POST /merchant/rules/publish': {
    roles: ['owner'],
    form: true,
    body: () => ({ 'spend.points': '3', 'spend.per': '1.00' }),
  },
  'GET /merchant/members': { roles: merchant },
  'GET /merchant/members/:memberId': { roles: merchant, params: { memberId: (f) => f.memberId } },
  // POS connections (issue 7)
  'GET /api/v1/merchant/connections': { roles: merchant },
  'GET /api/v1/merchant/connections/:provider/connect': { roles: ['owner'], params: { provider: () => 'square' } },
  'GET /oauth/:provider/callback': {
    roles: ['owner'],
    params: { provider: () => 'square' },
    query: () => ({ state: 'A'.repeat(43), code: 'probe' }),
  },
  'GET /merchant/connections': { roles: merchant },
  'GET /merchant/connections/badge': { roles: merchant },
  'GET /merchant/connections/toast': { roles: ['owner'] },
  'GET /oauth/clover/install': {
    public: 'Clover App Market redirect; nothing is linked until a signed-in owner confirms',
  },
  'GET /merchant/connections/clover/install': { roles: ['owner'], query: () => ({ t: 'forged' }) },
  'POST /merchant/connections/clover/install': { roles: ['owner'], form: true, body: () => ({ t: 'forged' }) },
  'POST /merchant/connections/toast': { roles: ['owner'], form: true, body: () => ({ restaurant_guid: 'not-a-guid' }) },
  'POST /merchant/connections/:connectionId/disconnect': {
    roles: ['owner'],
    form: true,
    params: { connectionId: (f) => f.connectionId },
  },
  // POS ingestion (issue 6)
  'POST /webhooks/:provider': { public: 'POS webhooks: each provider signature-authenticates its own deliveries' },
  'POST /webhooks/sms/inbound': {
    public: 'inbound texts from the SMS provider, Twilio-signed (STOP withdraws text consent)',
  },
  'GET /unsubscribe': { public: 'the signed link in a notification email; names one person, shop and channel' },
  'POST /unsubscribe': { public: 'confirms the signed unsubscribe link; can only withdraw the consent it names' },
  // POS provider trust (issues 10.4, 12.1): platform-level by design
  'GET /api/v1/admin/pos/clover/verification': { roles: ['admin'], platform: true },
  'GET /api/v1/admin/pos/toast/pending-connections': { roles: ['admin'], platform: true },
  'POST /api/v1/admin/pos/toast/connections/:id/activate': {
    roles: ['admin'],
    platform: true,
    params: { id: (f) => f.connectionId },
    body: () => ({ claim_code: 'AAAA-AAAA', reason: 'probe' }),
  },
  'GET /admin/pos': { roles: ['admin'], platform: true },
  'POST /admin/pos/toast/:connectionId/activate': {
    roles: ['admin'],
    platform: true,
    form: true,
    params: { connectionId: (f) => f.connectionId },
    body: () => ({ claim_code: 'AAAA-AAAA', reason: 'probe' }),
  },
  'POST /api/v1/admin/tenants/:id/connections': {
    roles: ['admin'],
    platform: true,
    params: { id: (f) => f.tenantId },
    body: () => ({ provider: 'square', external_merchant_id: `PROBE${crypto.randomUUID().slice(0, 6)}` }),
  },
  'POST /api/v1/admin/webhook-events/:id/replay': {
    roles: ['admin'],
    platform: true,
    params: { id: (f) => f.inboxEventId },
    body: () => ({ reason: 'probe' }),
  },
  'GET /api/v1/merchant/transactions': { roles: merchant },
  'GET /merchant/transactions': { roles: merchant },
  'GET /merchant/transactions/new': { roles: merchant },
  'POST /merchant/transactions/:id/attach': {
    roles: merchant,
    form: true,
    params: { id: (f) => f.transactionId },
    body: () => ({ contact: '+15555550100' }),
  },
}
