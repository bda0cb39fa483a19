// Merchant POS connections (api-v1.md, Merchant): list with health, start a connect (302 to
// the provider's consent page), and the provider's return to /oauth/{provider}/callback.
// The tenant comes from the signed-in actor only; the callback's `state` must be theirs.
import { Elysia, t } from 'elysia'
import type { AppDeps } from '../../../infra/deps'
import { log } from '../../../infra/logger'
import { posProviders } from '../../../pos'
import {
  completeConnect,
  listMerchantConnections,
  MERCHANT_MISMATCH,
  type MerchantConnection,
  parkCloverInstall,
  startConnect,
} from '../../../pos/connection'
import { installLinkPlugin, signInstallLink } from '../../install-link'
import { AppError } from '../../../shared/errors'
import { authPlugin, merchantScope } from '../../plugins/auth'

const provider = t.Union(posProviders.map((p) => t.Literal(p)))

export const connectionJson = (c: MerchantConnection) => ({
  connection_id: c.id,
  provider: c.provider,
  external_merchant_id: c.externalMerchantId,
  status: c.apiStatus,
  status_reason: c.statusReason,
  status_changed_at: c.statusChangedAt.toISOString(),
  last_event_at: c.lastEventAt?.toISOString() ?? null,
  last_polled_at: c.lastPolledAt?.toISOString() ?? null,
  last_error: c.lastError,
  next_refresh_at: c.nextRefreshAt?.toISOString() ?? null,
})

/** Failures come back to the portal as a short code, never as reflected text. */
function failureCode(e: unknown): string {
  if (!(e instanceof AppError)) return 'failed'
  if (e.code === 'conflict') return 'taken'
  if (e.message.includes('expired or was already used')) return 'state'
  if (e.message.includes('not approved')) return 'denied'
  if (e.message === MERCHANT_MISMATCH) return 'merchant'
  return e.code === 'unavailable' ? 'unavailable' : 'failed'
}

export function merchantConnectionsApi(deps: AppDeps) {
  return new Elysia({ name: 'api-merchant-connections' })
    .use(authPlugin(deps))
    .get(
      '/api/v1/merchant/connections',
      async ({ actor }) => (await listMerchantConnections(deps, merchantScope(actor))).map(connectionJson),
      { auth: 'merchant' },
    )
    .get(
      '/api/v1/merchant/connections/:provider/connect',
      async ({ actor, params, query, set }) => {
        const url = await startConnect(
          deps,
          { tenantId: merchantScope(actor).tenantId, userId: actor.userId },
          params.provider,
          query.shop ? { shop: query.shop } : {},
        )
        set.status = 302
        set.headers.location = url
        set.headers['cache-control'] = 'no-store'
        return ''
      },
      {
        auth: 'merchant_owner',
        params: t.Object({ provider }),
        query: t.Object({ shop: t.Optional(t.String({ maxLength: 120 })) }),
      },
    )
    .use(installLinkPlugin(deps))
    .get(
      // Clover App Market installs land here without our state (the app's Site URL): the code is
      // exchanged and the merchant confirmed now, then a signed-in owner picks the shop.
      '/oauth/clover/install',
      async ({ installLink, request, set }) => {
        set.status = 303
        set.headers['cache-control'] = 'no-store'
        try {
          const parked = await parkCloverInstall(deps, new URL(request.url).searchParams)
          set.headers.location = `/merchant/connections/clover/install?t=${encodeURIComponent(await signInstallLink(installLink, parked))}`
        } catch (e) {
          if (!(e instanceof AppError)) log.error({ err: e, provider: 'clover' }, 'clover install landing failed')
          set.headers.location = `/merchant/connections?failed=clover&why=${failureCode(e)}`
        }
        return ''
      },
    )
    .get(
      '/oauth/:provider/callback',
      async ({ actor, params, request, set }) => {
        const query = new URL(request.url).searchParams
        set.status = 303
        set.headers['cache-control'] = 'no-store'
        try {
          await completeConnect(
            deps,
            { tenantId: merchantScope(actor).tenantId, userId: actor.userId },
            params.provider,
            query,
          )
          set.headers.location = `/merchant/connections?connected=${params.provider}`
        } catch (e) {
          if (!(e instanceof AppError)) log.error({ err: e, provider: params.provider }, 'connect callback failed')
          set.headers.location = `/merchant/connections?failed=${params.provider}&why=${failureCode(e)}`
        }
        return ''
      },
      { auth: 'merchant_owner', params: t.Object({ provider }) },
    )
}
