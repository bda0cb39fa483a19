// Platform admin links a POS merchant account to a tenant without OAuth (api-v1.md), e.g. while
// an app approval is pending. Events already kept for that unknown merchant are claimed and
// processed. Audited in the same transaction as the link.
import { recordAudit } from '../../audit'
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { AppError } from '../../shared/errors'
import { newId } from '../../shared/ids'
import { getTenant } from '../../tenancy'
import type { PosProvider } from '../registry'
import { posConnections } from '../pos.schema'
import { enqueueInboxEvents } from './enqueue-inbox-events'
import { claimUnmatchedRows, connectionFor } from './inbox.repo'

export type LinkResult = {
  id: string
  tenantId: string
  provider: PosProvider
  externalMerchantId: string
  status: string
  created: boolean
  claimedEvents: number
}

export async function linkMerchantManually(
  deps: AppDeps,
  actorUserId: string,
  input: { tenantId: string; provider: PosProvider; externalMerchantId: string },
): Promise<LinkResult> {
  const now = deps.clock()
  if (!(await getTenant(deps.dbh.db, input.tenantId))) throw new AppError('not_found', 'Tenant not found')
  const result = await asSystem(deps.dbh.db, async (tx) => {
    const existing = await connectionFor(tx, input.provider, input.externalMerchantId)
    if (existing && existing.tenantId !== input.tenantId)
      throw new AppError('conflict', 'This POS account is already linked to another shop')
    let id = existing?.id
    if (!id) {
      id = newId('con', now.getTime())
      await tx.insert(posConnections).values({
        id,
        tenantId: input.tenantId,
        provider: input.provider,
        externalMerchantId: input.externalMerchantId,
        status: 'connected',
        authMode: 'manual',
        statusChangedAt: now,
        createdAt: now,
      })
      await recordAudit(tx, {
        actorUserId,
        action: 'pos_connection.link',
        target: { type: 'pos_connection', id, tenantId: input.tenantId },
        before: null,
        after: { provider: input.provider, external_merchant_id: input.externalMerchantId, auth_mode: 'manual' },
        reason: 'linked by a platform admin without OAuth',
        at: now,
      })
    }
    const claimed = await claimUnmatchedRows(tx, input.provider, input.externalMerchantId, input.tenantId)
    return { id, created: !existing, claimed, status: existing?.status ?? 'connected' }
  })
  await enqueueInboxEvents(deps, result.claimed)
  return {
    id: result.id,
    tenantId: input.tenantId,
    provider: input.provider,
    externalMerchantId: input.externalMerchantId,
    status: result.status,
    created: result.created,
    claimedEvents: result.claimed.length,
  }
}
