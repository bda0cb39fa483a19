// Builds the whole HTTP application from its dependencies. No listen() here: tests call
// app.handle() or listen on port 0 themselves; src/server.ts listens in production.
import { html } from '@elysiajs/html'
import { Elysia } from 'elysia'
import type { AppDeps } from '../infra/deps'
import { authPlugin } from './plugins/auth'
import { bodyLimit } from './plugins/body-limit'
import { csrfProtection } from './plugins/csrf'
import { errorMapper } from './plugins/errors'
import { httpMetrics } from './plugins/http-metrics'
import { inputGuard } from './plugins/input-guard'
import { portalChromePlugin } from './plugins/portal-chrome'
import { rateLimits } from './plugins/rate-limit'
import { requestContext } from './plugins/request-context'
import { securityHeaders } from './plugins/security-headers'
import { adminLedgerApi } from './routes/api/admin-ledger'
import { consumerApi } from './routes/api/consumer'
import { eventsApi } from './routes/api/events'
import { merchantConnectionsApi } from './routes/api/merchant-connections'
import { saleClaimsApi } from './routes/api/sale-claims'
import { merchantExportsRoutes } from './routes/api/merchant-exports'
import { merchantImportsRoutes } from './routes/api/merchant-imports'
import { merchantMembersApi } from './routes/api/merchant-members'
import { merchantRedemptionsApi } from './routes/api/merchant-redemptions'
import { merchantRewardsApi } from './routes/api/merchant-rewards'
import { merchantRulesApi } from './routes/api/merchant-rules'
import { merchantSettingsApi } from './routes/api/merchant-settings'
import { merchantAnalyticsApi } from './routes/api/merchant-analytics'
import { merchantTeamApi } from './routes/api/merchant-team'
import { consumerWalletsPortal } from './routes/portal/consumer-wallets'
import { merchantConnectionsPortal } from './routes/portal/merchant-connections'
import { merchantMembersPortal } from './routes/portal/merchant-members'
import { merchantRedeemPortal } from './routes/portal/merchant-redeem'
import { merchantRewardsPortal } from './routes/portal/merchant-rewards'
import { merchantRulesPortal } from './routes/portal/merchant-rules'
import { adminTenantsApiRoutes } from './routes/api/admin-tenants'
import { authApiRoutes } from './routes/api/auth'
import { meApiRoutes } from './routes/api/me'
import { meProfileApi } from './routes/api/me-profile'
import { apiDocs } from './routes/api-docs'
import { assetRoutes } from './routes/assets'
import { brandCssRoutes } from './routes/brand-css'
import { devRoutes } from './routes/dev'
import { healthRoutes, metricsOnPublicPort, metricsRoutes } from './routes/health'
import { adminConsolePortal } from './routes/portal/admin-console'
import { adminTenantsPortal } from './routes/portal/admin-tenants'
import { merchantHomePortal } from './routes/portal/home'
import { merchantDataPortal } from './routes/portal/merchant-data'
import { merchantSettingsPortal } from './routes/portal/merchant-settings'
import { saleClaimsPortal } from './routes/portal/sale-claims'
import { referralsPortal } from './routes/portal/referrals'
import { merchantTeamPortal } from './routes/portal/merchant-team'
import { signInPortal } from './routes/portal/sign-in'
import { systemStatusPortal } from './routes/portal/system-status'
import { tenantSwitchPortal } from './routes/portal/tenant-switch'
import { accountBirthdayPortal } from './routes/portal/account-birthday'
import { accountContactsPortal } from './routes/portal/account-contacts'
import { posIngestionRoutes } from './routes/pos-ingestion'
import { consumerNoticeRoutes } from './routes/consumer-notices'
import { publicPages } from './routes/public-pages'

/** Cross-cutting plugins, in order: every request passes through all of them. */
function shell(deps: AppDeps) {
  return new Elysia({ name: 'shell' })
    .use(requestContext)
    .use(errorMapper)
    .use(securityHeaders({ hsts: deps.config.isProduction }))
    .use(httpMetrics(deps.metrics))
    .use(bodyLimit(deps.config.MAX_BODY_BYTES, deps.config.IMPORT_MAX_BYTES))
    .use(rateLimits(deps))
    .use(inputGuard)
    .use(html())
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .use(authPlugin(deps))
    .use(portalChromePlugin(deps))
}

/** The JSON API (api-v1.md) and the POS webhooks. */
function apiRoutes(deps: AppDeps) {
  return new Elysia({ name: 'api-routes' })
    .use(authApiRoutes(deps))
    .use(meApiRoutes(deps))
    .use(meProfileApi(deps))
    .use(eventsApi(deps))
    .use(adminTenantsApiRoutes(deps))
    .use(adminLedgerApi(deps))
    .use(consumerApi(deps))
    .use(merchantMembersApi(deps))
    .use(merchantRedemptionsApi(deps))
    .use(merchantRulesApi(deps))
    .use(merchantRewardsApi(deps))
    .use(merchantConnectionsApi(deps))
    .use(saleClaimsApi(deps))
    .use(merchantExportsRoutes(deps))
    .use(merchantImportsRoutes(deps))
    .use(merchantSettingsApi(deps))
    .use(merchantAnalyticsApi(deps))
    .use(merchantTeamApi(deps))
    .use(posIngestionRoutes(deps))
    .use(consumerNoticeRoutes(deps))
}

/** Server-rendered portal pages for consumers, merchants and admins. */
function portalRoutes(deps: AppDeps) {
  return new Elysia({ name: 'portal-routes' })
    .use(signInPortal(deps))
    .use(systemStatusPortal(deps))
    .use(tenantSwitchPortal(deps))
    .use(accountBirthdayPortal(deps))
    .use(accountContactsPortal(deps))
    .use(merchantHomePortal(deps))
    .use(consumerWalletsPortal(deps))
    .use(merchantRedeemPortal(deps))
    .use(merchantMembersPortal(deps))
    .use(merchantRulesPortal(deps))
    .use(merchantRewardsPortal(deps))
    .use(merchantConnectionsPortal(deps))
    .use(merchantSettingsPortal(deps))
    .use(merchantTeamPortal(deps))
    .use(merchantDataPortal(deps))
    .use(saleClaimsPortal(deps))
    .use(referralsPortal(deps))
    .use(adminTenantsPortal(deps))
    .use(adminConsolePortal(deps))
}

// Route groups are separate plugins so TypeScript's inference stays within its depth limit
// (one long .use() chain hits TS2589) and so the map of the app reads at a glance.
export function createApp(deps: AppDeps) {
  const app = new Elysia({
    serve: { maxRequestBodySize: Math.max(deps.config.MAX_BODY_BYTES, deps.config.IMPORT_MAX_BYTES) },
  })
    .use(shell(deps))
    .use(healthRoutes(deps))
    .use(metricsOnPublicPort(deps.config) ? metricsRoutes(deps) : new Elysia())
    .use(assetRoutes)
    .use(brandCssRoutes)
    .use(publicPages)
    .use(apiRoutes(deps))
    .use(portalRoutes(deps))
  // Last, so the OpenAPI document sees every route registered above.
  app.use(apiDocs(async () => (await app.handle(new Request('http://localhost/api/openapi.json'))).json()))
  return deps.config.isProduction ? app : app.use(devRoutes(deps))
}
