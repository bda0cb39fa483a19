// The merchant pressed Disconnect. Not an outage, so no email: the status goes to
// disconnected with that reason, our tokens are dropped, and where the provider documents a
// revoke endpoint (Square) the grant is withdrawn there too, best effort.
import type { AppDeps } from '../../infra/deps'
import { log } from '../../infra/logger'
import { inTenant } from '../../infra/scope'
import { notFound } from '../../shared/errors'
import { getConnection, recordChange, updateConnection } from './connections.repo'
import type { FetchLike } from '../adapter'
import { providerSettings } from './provider-settings'

export const MERCHANT_DISCONNECT_REASON = 'disconnected by the merchant'

export async function disconnectConnection(
  deps: AppDeps,
  scope: { tenantId: string },
  connectionId: string,
  opts: { fetch?: FetchLike } = {},
): Promise<void> {
  const now = deps.clock()
  const c = await inTenant(deps.dbh.db, scope, async (tx) => {
    const c = await getConnection(tx, connectionId, { lock: true })
    // RLS already hides other tenants' rows; the explicit check keeps the rule visible here.
    if (!c || c.tenantId !== scope.tenantId) throw notFound('Connection')
    await updateConnection(tx, c.id, {
      status: 'disconnected',
      statusReason: MERCHANT_DISCONNECT_REASON,
      statusChangedAt: now,
      accessTokenEnc: null,
      refreshTokenEnc: null,
      tokenExpiresAt: null,
    })
    if (c.status !== 'disconnected')
      await recordChange(tx, c, c.status, 'disconnected', MERCHANT_DISCONNECT_REASON, false, now)
    return c
  })
  if (c.provider !== 'square') return
  const s = providerSettings(deps.config, 'square')
  if (!s.clientId || !s.clientSecret) return
  const base = s.origin.override ?? 'https://connect.squareup.com'
  await (opts.fetch ?? fetch)(new URL('/oauth2/revoke', base).toString(), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/json', authorization: `Client ${s.clientSecret}` },
    body: JSON.stringify({ client_id: s.clientId, merchant_id: c.externalMerchantId }),
  }).then(
    (r) => r.body?.cancel(),
    (e) =>
      log.warn(
        { err: e, connectionId },
        'square revoke call failed; the grant stays valid at Square until the merchant removes the app',
      ),
  )
}
