// Queries on the webhook inbox. Receipt and routing run before the tenant is known, so their
// callers use asSystem (a named system-scope caller, ARCHITECTURE.md); processing a routed row
// runs inside the row's tenant.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm'
import type { Tx } from '../../infra/db'
import { tenants } from '../../tenancy'
import { namesMerchant, primaryIdFirst } from '../merchant-lookup'
import { posConnections, type ProviderSlug, type WebhookEventStatus, webhookEvents } from '../pos.schema'

export type InboxRow = typeof webhookEvents.$inferSelect
export type NewInboxRow = typeof webhookEvents.$inferInsert

/** The connection a provider's merchant id (or its alias, e.g. a Lightspeed domain_prefix) is linked to, if any. */
export async function connectionFor(tx: Tx, provider: ProviderSlug, externalMerchantId: string) {
  const [row] = await tx
    .select({ id: posConnections.id, tenantId: posConnections.tenantId, status: posConnections.status, lastEventAt: posConnections.lastEventAt })
    .from(posConnections)
    .where(namesMerchant(provider, externalMerchantId))
    .orderBy(primaryIdFirst(externalMerchantId))
    .limit(1)
  return row ?? null
}

/** One row per envelope; a redelivery hits the unique (provider, provider_event_id) and is skipped. */
export async function insertInboxRows(tx: Tx, rows: NewInboxRow[]): Promise<{ id: string; status: WebhookEventStatus }[]> {
  if (!rows.length) return []
  return tx.insert(webhookEvents).values(rows).onConflictDoNothing().returning({ id: webhookEvents.id, status: webhookEvents.status })
}

export async function getInboxRow(tx: Tx, id: string): Promise<InboxRow | null> {
  const [row] = await tx.select().from(webhookEvents).where(eq(webhookEvents.id, id))
  return row ?? null
}

export async function updateInboxRow(tx: Tx, id: string, patch: Partial<Pick<InboxRow, 'status' | 'tenantId' | 'lastError' | 'processedAt'>>) {
  await tx.update(webhookEvents).set(patch).where(eq(webhookEvents.id, id))
}

/** Counts an attempt before the work starts, so a crash mid-job still shows on the row. */
export async function countAttempt(tx: Tx, id: string): Promise<number> {
  const [row] = await tx
    .update(webhookEvents)
    .set({ attempts: sql`${webhookEvents.attempts} + 1` })
    .where(eq(webhookEvents.id, id))
    .returning({ attempts: webhookEvents.attempts })
  return row?.attempts ?? 0
}

/**
 * Rows the sweeper hands (back) to the queue: received ones older than the grace period (their
 * enqueue was lost or Redis was down), and held ones whose tenant is active again.
 */
export async function rowsToSweep(tx: Tx, olderThan: Date, limit: number): Promise<{ id: string; attempts: number }[]> {
  return tx
    .select({ id: webhookEvents.id, attempts: webhookEvents.attempts })
    .from(webhookEvents)
    .leftJoin(tenants, eq(tenants.id, webhookEvents.tenantId))
    .where(
      and(
        lt(webhookEvents.receivedAt, olderThan),
        or(eq(webhookEvents.status, 'received'), and(eq(webhookEvents.status, 'held'), eq(tenants.status, 'active'))),
      ),
    )
    .orderBy(webhookEvents.receivedAt)
    .limit(limit)
}

/** Unknown-merchant rows that a connection now claims: they get its tenant and wait for processing. */
export async function claimUnmatchedRows(tx: Tx, provider: ProviderSlug, externalMerchantId: string, tenantId: string): Promise<string[]> {
  const rows = await tx
    .update(webhookEvents)
    .set({ tenantId, status: 'received', lastError: null })
    .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.externalMerchantId, externalMerchantId), eq(webhookEvents.status, 'unmatched_merchant'), isNull(webhookEvents.tenantId)))
    .returning({ id: webhookEvents.id })
  return rows.map((r) => r.id)
}

/** Unknown-merchant rows whose merchant has been linked since (by OAuth or an admin), for the sweeper. */
export async function claimAllLinkedRows(tx: Tx, limit: number): Promise<string[]> {
  const linked = await tx
    .selectDistinct({ provider: webhookEvents.provider, externalMerchantId: webhookEvents.externalMerchantId, tenantId: posConnections.tenantId })
    .from(webhookEvents)
    .innerJoin(posConnections, and(eq(posConnections.provider, webhookEvents.provider), eq(posConnections.externalMerchantId, webhookEvents.externalMerchantId)))
    .where(eq(webhookEvents.status, 'unmatched_merchant'))
    .limit(limit)
  const ids: string[] = []
  for (const l of linked) if (l.externalMerchantId) ids.push(...(await claimUnmatchedRows(tx, l.provider, l.externalMerchantId, l.tenantId)))
  return ids
}

/**
 * Rows held while their connection awaited its ownership proof (ADR 0016), handed back for
 * processing once a platform admin activated it. Runs in the activation's transaction.
 */
export async function releasePendingConnectionRows(tx: Tx, provider: ProviderSlug, externalMerchantId: string, tenantId: string): Promise<string[]> {
  const rows = await tx
    .update(webhookEvents)
    .set({ tenantId, status: 'received', lastError: null })
    .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.externalMerchantId, externalMerchantId), eq(webhookEvents.status, 'pending_connection')))
    .returning({ id: webhookEvents.id })
  return rows.map((r) => r.id)
}
