// What a merchant sees about their connections (API and portal): health, last event, last
// error, next refresh and the history of changes. Never a token, not even encrypted.
import type { AppDeps } from '../../infra/deps'
import { inTenant } from '../../infra/scope'
import { type ConnectionStatus, isIngestionPaused, toApiStatus } from './connection-status'
import { type ChangeRow, listChanges, listTenantConnections } from './connections.repo'
import type { PosProvider } from '../registry'
import { REFRESH_WINDOW_MS } from './refresh-plan'
import { revealClaimCode } from './toast-ownership'

export type MerchantConnection = {
  id: string
  provider: PosProvider
  externalMerchantId: string
  status: ConnectionStatus
  apiStatus: 'connected' | 'degraded' | 'disconnected'
  statusReason: string | null
  statusChangedAt: Date
  lastEventAt: Date | null
  lastPolledAt: Date | null
  lastError: string | null
  /** When the daemon will next renew the token; null when nothing is scheduled (partner, paused). */
  nextRefreshAt: Date | null
  changes: Pick<ChangeRow, 'fromStatus' | 'toStatus' | 'reason' | 'at'>[]
  /** Toast while pending: the code the owner reads to SalesArck's caller (ADR 0016). Owners only. */
  claimCode: string | null
}

export async function listMerchantConnections(
  deps: AppDeps,
  scope: { tenantId: string },
  opts: { withClaimCodes?: boolean } = {},
): Promise<MerchantConnection[]> {
  return inTenant(deps.dbh.db, scope, async (tx) => {
    const rows = await listTenantConnections(tx, scope.tenantId)
    const out: MerchantConnection[] = []
    for (const c of rows) {
      const paused = isIngestionPaused(c.status)
      const planned = c.tokenExpiresAt ? new Date(c.tokenExpiresAt.getTime() - REFRESH_WINDOW_MS) : null
      out.push({
        id: c.id,
        provider: c.provider,
        externalMerchantId: c.externalMerchantId,
        status: c.status,
        apiStatus: toApiStatus(c.status),
        statusReason: c.statusReason,
        statusChangedAt: c.statusChangedAt,
        lastEventAt: c.lastEventAt,
        lastPolledAt: c.lastPolledAt,
        lastError: c.lastError,
        nextRefreshAt: paused ? null : (c.sync.nextRefreshAt ?? planned),
        changes: (await listChanges(tx, c.id)).map(({ fromStatus, toStatus, reason, at }) => ({
          fromStatus,
          toStatus,
          reason,
          at,
        })),
        claimCode:
          opts.withClaimCodes && c.status === 'pending' ? await revealClaimCode(deps, c.sync.claimCodeEnc) : null,
      })
    }
    return out
  })
}
