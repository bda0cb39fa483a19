// Toast ownership proof (issue 12.1, ADR 0016). Our partner token reads every restaurant that
// enabled SalesArck, so "this GUID is readable" proves nothing about who is asking. A link
// therefore starts `pending` with a one-time claim code shown only to that shop's owner; a
// platform admin phones the restaurant on a number found independently (never one the merchant
// supplied), asks for the code, and enters it here. Only then is the restaurant polled and its
// held webhooks processed into the tenant's ledger.
import { asc, eq } from 'drizzle-orm'
import { recordAudit } from '../../audit'
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { AppError, notFound } from '../../shared/errors'
import { enqueueInboxEvents } from '../ingest/enqueue-inbox-events'
import { releasePendingConnectionRows } from '../ingest/inbox.repo'
import { posConnections } from '../pos.schema'
import { constantTimeEqual } from '../kit/webhook-crypto'
import { MAX_CLAIM_FAILURES, normalizeClaimCode } from './claim-code'
import { posConnectionSync } from './connection.schema'
import { getConnection, saveSync } from './connections.repo'
import { afterConnectionEvent, type RecordedEvent, recordConnectionEvent } from './record-connection-event'
import { tokenCipher } from './token-vault'
import { tenants } from '../../infra/schema'

export const PENDING_OWNERSHIP_REASON =
  'Waiting for SalesArck to confirm you own this restaurant: we will call the restaurant and ask for the claim code shown here.'

export type PendingClaim = {
  connectionId: string
  tenantId: string
  tenantName: string
  externalMerchantId: string
  since: Date
  failures: number
}

/** Every Toast link awaiting its proof, oldest first, for the admin console (platform-wide). */
export async function listPendingOwnershipClaims(deps: AppDeps): Promise<PendingClaim[]> {
  const rows = await asSystem(deps.dbh.db, (tx) =>
    tx
      .select({ c: posConnections, tenantName: tenants.name, failures: posConnectionSync.claimFailures })
      .from(posConnections)
      .innerJoin(tenants, eq(tenants.id, posConnections.tenantId))
      .leftJoin(posConnectionSync, eq(posConnectionSync.connectionId, posConnections.id))
      .where(eq(posConnections.status, 'pending'))
      .orderBy(asc(posConnections.statusChangedAt)),
  )
  return rows.map((r) => ({
    connectionId: r.c.id,
    tenantId: r.c.tenantId,
    tenantName: r.tenantName,
    externalMerchantId: r.c.externalMerchantId,
    since: r.c.statusChangedAt,
    failures: r.failures ?? 0,
  }))
}

/** The owner's code while the connection is pending; null otherwise. */
export async function revealClaimCode(deps: AppDeps, claimCodeEnc: string | null): Promise<string | null> {
  return claimCodeEnc ? (await tokenCipher(deps.config)).decrypt(claimCodeEnc) : null
}

/**
 * The admin's half of the proof. A wrong code changes nothing but the failure count (422); after
 * MAX_CLAIM_FAILURES the code is void and the owner must link again for a new one. The right code
 * activates the connection, is consumed, is audited, and releases the held webhooks.
 */
export async function activateToastConnection(
  deps: AppDeps,
  actorUserId: string,
  connectionId: string,
  enteredCode: string,
  reason: string,
): Promise<{ released: number }> {
  const cipher = await tokenCipher(deps.config)
  const now = deps.clock()
  let recorded: RecordedEvent | null = null
  const result = await asSystem(deps.dbh.db, async (tx) => {
    const c = await getConnection(tx, connectionId, { lock: true })
    if (c?.provider !== 'toast') throw notFound('Connection')
    if (c.status !== 'pending') throw new AppError('conflict', 'This connection is not waiting for an ownership proof')
    if (!c.sync.claimCodeEnc || c.sync.claimFailures >= MAX_CLAIM_FAILURES) {
      return { outcome: 'void' as const }
    }
    const expected = normalizeClaimCode(await cipher.decrypt(c.sync.claimCodeEnc))
    if (!constantTimeEqual(expected, normalizeClaimCode(enteredCode))) {
      await saveSync(tx, c, { claimFailures: c.sync.claimFailures + 1 }, now)
      return { outcome: 'wrong' as const }
    }
    recorded = await recordConnectionEvent(tx, c, { type: 'ownership_confirmed' }, now)
    await saveSync(tx, c, { claimCodeEnc: null, claimFailures: 0 }, now)
    await recordAudit(tx, {
      actorUserId,
      action: 'pos_connection.ownership_confirmed',
      target: { type: 'pos_connection', id: c.id, tenantId: c.tenantId },
      before: { status: 'pending', provider: c.provider, external_merchant_id: c.externalMerchantId },
      after: { status: 'connected', provider: c.provider, external_merchant_id: c.externalMerchantId },
      reason,
      at: now,
    })
    const released = await releasePendingConnectionRows(tx, c.provider, c.externalMerchantId, c.tenantId)
    return { outcome: 'activated' as const, released }
  })
  // Outside the transaction: the failure count must stick even though we refuse.
  if (result.outcome === 'wrong')
    throw new AppError('claim_code_mismatch', 'That claim code does not match. Check it with the restaurant again.')
  if (result.outcome === 'void')
    throw new AppError(
      'claim_code_mismatch',
      'Too many wrong codes: this claim is void. Ask the owner to link the restaurant again for a new code.',
    )
  if (recorded) await afterConnectionEvent(deps, recorded)
  await enqueueInboxEvents(deps, result.released)
  return { released: result.released.length }
}
