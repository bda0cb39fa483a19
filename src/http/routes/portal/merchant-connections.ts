// Merchant portal: POS connections page (htmx refreshes the list), the header health badge,
// Toast's restaurant-GUID form, and Disconnect. Connect/Reconnect links go to the API's
// /connect, which answers 302 to the provider's consent page.
import { Elysia, t } from 'elysia'
import { ConnectionHealthBadge } from '../../../../views/components/connection-health-badge'
import {
  CloverInstallPage,
  type ConnectionView,
  ConnectionRows,
  ConnectionsPage,
  DisconnectConfirmPage,
  NOTICES,
  ToastConnectPage,
} from '../../../../views/merchant/connections'
import type { AppDeps } from '../../../infra/deps'
import { isPosProvider, posProviders, providerName } from '../../../pos'
import {
  canConnect,
  confirmCloverInstall,
  connectToast,
  describeCloverInstall,
  disconnectConnection,
  listMerchantConnections,
  type MerchantConnection,
} from '../../../pos/connection'
import { installLinkPlugin, readInstallLink } from '../../install-link'
import { AppError } from '../../../shared/errors'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { csrfTokenOf, redirect } from './portal-helpers'

const iso = (d: Date | null) => d?.toISOString() ?? null

const view = (c: MerchantConnection): ConnectionView => ({
  id: c.id,
  provider: c.provider,
  providerName: providerName(c.provider),
  externalMerchantId: c.externalMerchantId,
  status: c.status,
  statusReason: c.statusReason,
  statusChangedAt: c.statusChangedAt.toISOString(),
  lastEventAt: iso(c.lastEventAt),
  lastError: c.lastError,
  nextRefreshAt: iso(c.nextRefreshAt),
  changes: c.changes.map((h) => ({ from: h.fromStatus, to: h.toStatus, reason: h.reason, at: h.at.toISOString() })),
  claimCode: c.claimCode,
})

export function merchantConnectionsPortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-merchant-connections' })
    .use(authPlugin(deps))
    .get(
      '/merchant/connections',
      async (ctx) => {
        const { actor, query, request, set } = ctx
        const csrfToken = csrfTokenOf(ctx) ?? ''
        // The claim code proves ownership (ADR 0016): only the owner sees it, never staff.
        const connections = (
          await listMerchantConnections(deps, merchantScope(actor), {
            withClaimCodes: actor.tenant?.role === 'merchant_owner',
          })
        ).map(view)
        set.headers.vary = 'HX-Request'
        if (request.headers.get('hx-request') === 'true') return ConnectionRows({ connections, csrfToken })
        const notice = query.why ? (NOTICES[query.why] ?? NOTICES.failed) : undefined
        const connected =
          query.connected && isPosProvider(query.connected)
            ? `${providerName(query.connected)} is connected.`
            : undefined
        const ok =
          query.pending === 'toast'
            ? 'Toast is linked. SalesArck will call the restaurant to confirm it is yours; read them the claim code below.'
            : connected
        const providers = posProviders.map((slug) => ({
          slug,
          name: providerName(slug),
          available: canConnect(deps.config, slug),
        }))
        return ConnectionsPage({ connections, providers, csrfToken, notice, ok })
      },
      {
        auth: 'merchant',
        query: t.Object({
          connected: t.Optional(t.String({ maxLength: 20 })),
          pending: t.Optional(t.String({ maxLength: 20 })),
          failed: t.Optional(t.String({ maxLength: 20 })),
          why: t.Optional(t.String({ maxLength: 20 })),
        }),
      },
    )
    .get(
      '/merchant/connections/badge',
      async ({ actor, set }) => {
        set.headers['cache-control'] = 'no-store'
        return ConnectionHealthBadge({
          connections: (await listMerchantConnections(deps, merchantScope(actor))).map((c) => ({
            provider: c.provider,
            status: c.status,
          })),
        })
      },
      { auth: 'merchant' },
    )
    .use(installLinkPlugin(deps))
    .get(
      '/merchant/connections/clover/install',
      async (ctx) => {
        const { actor, installLink, query } = ctx
        const link = await readInstallLink(installLink, query.t)
        if (!link)
          throw new AppError(
            'bad_request',
            'This Clover install link is not valid or has expired. Open SalesArck from Clover again.',
          )
        const install = await describeCloverInstall(deps, link)
        return CloverInstallPage({
          csrfToken: csrfTokenOf(ctx) ?? '',
          link: query.t ?? '',
          merchantId: install.merchantId,
          shopName: actor.tenant?.name ?? '',
        })
      },
      { auth: 'merchant_owner', query: t.Object({ t: t.Optional(t.String({ maxLength: 2048 })) }) },
    )
    .post(
      '/merchant/connections/clover/install',
      async ({ actor, body, installLink, set }) => {
        const link = await readInstallLink(installLink, body.t)
        if (!link)
          throw new AppError(
            'bad_request',
            'This Clover install link is not valid or has expired. Open SalesArck from Clover again.',
          )
        try {
          await confirmCloverInstall(deps, { tenantId: merchantScope(actor).tenantId, userId: actor.userId }, link)
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          return redirect(set, `/merchant/connections?failed=clover&why=${e.code === 'conflict' ? 'taken' : 'state'}`)
        }
        return redirect(set, '/merchant/connections?connected=clover')
      },
      { auth: 'merchant_owner', body: t.Object({ t: t.String({ maxLength: 2048 }), _csrf: t.Optional(t.String()) }) },
    )
    .get('/merchant/connections/toast', (ctx) => ToastConnectPage({ csrfToken: csrfTokenOf(ctx) ?? '' }), {
      auth: 'merchant_owner',
    })
    .post(
      '/merchant/connections/toast',
      async (ctx) => {
        const { actor, body, set } = ctx
        try {
          await connectToast(
            deps,
            { tenantId: merchantScope(actor).tenantId, userId: actor.userId },
            body.restaurant_guid,
          )
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          set.status = e.status
          return ToastConnectPage({ csrfToken: csrfTokenOf(ctx) ?? '', error: e.message })
        }
        return redirect(set, '/merchant/connections?pending=toast')
      },
      {
        auth: 'merchant_owner',
        body: t.Object({ restaurant_guid: t.String({ maxLength: 64 }), _csrf: t.Optional(t.String()) }),
      },
    )
    .post(
      '/merchant/connections/:connectionId/disconnect',
      async (ctx) => {
        const { actor, params, body, set } = ctx
        // A confirm step that needs no JavaScript: the first POST asks, the second (confirm=yes) acts.
        if (body.confirm !== 'yes') {
          const c = (await listMerchantConnections(deps, merchantScope(actor))).find(
            (x) => x.id === params.connectionId,
          )
          if (!c) throw new AppError('not_found', 'Connection not found')
          return DisconnectConfirmPage({
            id: c.id,
            providerName: providerName(c.provider),
            csrfToken: csrfTokenOf(ctx) ?? '',
          })
        }
        await disconnectConnection(deps, merchantScope(actor), params.connectionId)
        return redirect(set, '/merchant/connections')
      },
      {
        auth: 'merchant_owner',
        body: t.Object({ _csrf: t.Optional(t.String()), confirm: t.Optional(t.String({ maxLength: 5 })) }),
      },
    )
}
