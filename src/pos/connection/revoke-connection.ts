// The provider told us access ended: Square `oauth.authorization.revoked`, Shopify
// `app/uninstalled`, Toast `partner_removed`, Clover uninstall. The webhook processing path
// calls this; the connection becomes `revoked` once, the merchant gets one email, the dead
// tokens are dropped and ingestion for it pauses (isIngestionPaused).
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import type { ConnectionStatus } from './connection-status'
import { findByExternalId, getConnection, updateConnection } from './connections.repo'
import type { ProviderSlug } from './oauth-common'
import { afterConnectionEvent, type RecordedEvent, recordConnectionEvent } from './record-connection-event'

export async function revokeConnection(deps: AppDeps, provider: ProviderSlug, externalMerchantId: string, reason: string): Promise<'revoked' | 'unchanged' | 'unknown'> {
  let recorded: RecordedEvent | null = null
  const outcome = await asSystem(deps.dbh.db, async (tx) => {
    const found = await findByExternalId(tx, provider, externalMerchantId)
    const c = found && (await getConnection(tx, found.id, { lock: true }))
    if (!c) return 'unknown' as const
    recorded = await recordConnectionEvent(tx, c, { type: 'access_revoked', reason }, deps.clock(), reason)
    await updateConnection(tx, c.id, { accessTokenEnc: null, refreshTokenEnc: null, tokenExpiresAt: null })
    return recorded.changed ? ('revoked' as const) : ('unchanged' as const)
  })
  if (recorded) await afterConnectionEvent(deps, recorded)
  return outcome
}

/**
 * Disconnected and revoked connections are not polled, refreshed or processed until reconnected;
 * pending ones (ownership unproven, ADR 0016) until a platform admin activates them.
 */
export function isIngestionPaused(status: ConnectionStatus): boolean {
  return status === 'disconnected' || status === 'revoked' || status === 'pending'
}
