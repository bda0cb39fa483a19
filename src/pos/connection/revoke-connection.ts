// The provider told us access ended: Square `oauth.authorization.revoked`, Shopify
// `app/uninstalled`, Toast `partner_removed`, Clover uninstall. The webhook processing path
// calls this; the connection becomes `revoked` once, the merchant gets one email, the dead
// tokens are dropped and ingestion for it pauses (isIngestionPaused). Where the webhook alone is
// not proof (Shopify), the provider confirms first (confirm-revocation.ts).
import type { AppDeps } from '../../infra/deps'
import { log } from '../../infra/logger'
import { asSystem } from '../../infra/scope'
import type { FetchLike } from '../adapter'
import { confirmRevocation } from './confirm-revocation'
import { findByExternalId, getConnection, updateConnection } from './connections.repo'
import type { PosProvider } from '../registry'
import { afterConnectionEvent, type RecordedEvent, recordConnectionEvent } from './record-connection-event'

export async function revokeConnection(
  deps: AppDeps,
  provider: PosProvider,
  externalMerchantId: string,
  reason: string,
  opts: { fetch?: FetchLike } = {},
): Promise<'revoked' | 'unchanged' | 'unknown' | 'still_installed'> {
  const found = await asSystem(deps.dbh.db, (tx) => findByExternalId(tx, provider, externalMerchantId))
  if (!found) return 'unknown'
  if ((await confirmRevocation(deps, found, opts)) === 'still_installed') {
    log.warn(
      { provider, connectionId: found.id },
      'revocation webhook not confirmed by the provider: connection left as it is',
    )
    return 'still_installed'
  }
  let recorded: RecordedEvent | null = null
  const outcome = await asSystem(deps.dbh.db, async (tx) => {
    const c = await getConnection(tx, found.id, { lock: true })
    if (!c) return 'unknown' as const
    recorded = await recordConnectionEvent(tx, c, { type: 'access_revoked', reason }, deps.clock(), reason)
    await updateConnection(tx, c.id, { accessTokenEnc: null, refreshTokenEnc: null, tokenExpiresAt: null })
    return recorded.changed ? ('revoked' as const) : ('unchanged' as const)
  })
  if (recorded) await afterConnectionEvent(deps, recorded)
  return outcome
}
