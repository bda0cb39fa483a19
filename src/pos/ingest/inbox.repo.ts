// Queries on the webhook inbox. Receipt and routing run before the tenant is known, so their
// callers use asSystem (a named system-scope caller, ARCHITECTURE.md); processing a routed row
// runs inside the row's tenant.
import { and, eq, isNull, lt, or } from 'drizzle-orm'
import type { Tx } from '../../infra/db'
import { columnsOf, runPrepared } from '../../infra/prepared'
import { tenants } from '../../tenancy'
import { namesMerchant, primaryIdFirst } from '../merchant-lookup'
import type { PosProvider } from '../registry'
import { inboxEvents, type InboxEventStatus, posConnections } from '../pos.schema'

export type InboxEvent = typeof inboxEvents.$inferSelect
export type NewInboxEvent = typeof inboxEvents.$inferInsert

/** The connection a provider's merchant id (or its alias, e.g. a Lightspeed domain_prefix) is linked to, if any. */
export async function connectionFor(tx: Tx, provider: PosProvider, externalMerchantId: string) {
  const [row] = await tx
    .select({
      id: posConnections.id,
      tenantId: posConnections.tenantId,
      status: posConnections.status,
      lastEventAt: posConnections.lastEventAt,
    })
    .from(posConnections)
    .where(namesMerchant(provider, externalMerchantId))
    .orderBy(primaryIdFirst(externalMerchantId))
    .limit(1)
  return row ?? null
}

const inbox = columnsOf(inboxEvents)
const tenant = columnsOf(tenants)

/** The tenants of a batch's connections, in one query (prepared, as are the batch's other statements). */
export async function tenantsByIds(tx: Tx, ids: readonly string[]) {
  if (!ids.length) return []
  const rows = await runPrepared(tx, `select ${tenant.list} from tenants where id = any($1)`, [[...new Set(ids)]])
  return rows.map(tenant.row)
}

/**
 * The connections of a batch's merchants, in one query (routing happens in the worker). A
 * merchant id may be a connection's alias (Lightspeed's domain_prefix, merchant-lookup.ts).
 */
export async function connectionsFor(tx: Tx, pairs: readonly { provider: PosProvider; externalMerchantId: string }[]) {
  if (!pairs.length) return []
  const ids = [...new Set(pairs.map((p) => p.externalMerchantId))]
  return runPrepared<{
    id: string
    tenantId: string
    status: (typeof posConnections.$inferSelect)['status']
    provider: PosProvider
    externalMerchantId: string
    externalAlias: string | null
  }>(
    tx,
    `select id::text, tenant_id::text as "tenantId", status::text, provider::text,
       external_merchant_id::text as "externalMerchantId", external_alias::text as "externalAlias"
     from pos_connections where external_merchant_id = any($1) or external_alias = any($1)`,
    [ids],
  )
}

/** The connection a delivery names: by its primary id first, else by an alias. */
export function connectionNamed<
  C extends { provider: string; externalMerchantId: string; externalAlias: string | null },
>(connections: readonly C[], provider: string, merchantId: string): C | undefined {
  const ofProvider = connections.filter((c) => c.provider === provider)
  return (
    ofProvider.find((c) => c.externalMerchantId === merchantId) ??
    ofProvider.find((c) => c.externalAlias === merchantId)
  )
}

/** One row per envelope; a redelivery hits the unique (provider, provider_event_id) and is skipped. */
export async function insertInboxEvents(
  tx: Tx,
  rows: NewInboxEvent[],
): Promise<{ id: string; status: InboxEventStatus }[]> {
  if (!rows.length) return []
  return tx
    .insert(inboxEvents)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: inboxEvents.id, status: inboxEvents.status })
}

export async function getInboxEvent(tx: Tx, id: string): Promise<InboxEvent | null> {
  const [row] = await tx.select().from(inboxEvents).where(eq(inboxEvents.id, id))
  return row ?? null
}

export async function updateInboxEvent(
  tx: Tx,
  id: string,
  patch: Partial<Pick<InboxEvent, 'status' | 'tenantId' | 'lastError' | 'processedAt'>>,
) {
  await tx.update(inboxEvents).set(patch).where(eq(inboxEvents.id, id))
}

/** Rows whose effects commit in the caller's transaction, marked done with them. */
export async function finishInboxEvents(
  tx: Tx,
  ids: readonly string[],
  patch: { status: 'processed' | 'ignored'; tenantId: string; processedAt: Date },
) {
  // Prepared (infra/prepared.ts): once per chunk of sales.
  await runPrepared(
    tx,
    'update webhook_events set status = $1, tenant_id = $2, processed_at = $3, last_error = null where id = any($4)',
    [patch.status, patch.tenantId, patch.processedAt, ids],
  )
}

const FINISHED: InboxEventStatus[] = ['processed', 'ignored']

/** Locks the rows still to be applied (waiting for another job's lock) and returns their ids. */
export async function lockUnfinishedInboxEvents(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
  const rows = await runPrepared<{ id: string }>(
    tx,
    'select id::text from webhook_events where id = any($1) and status <> all($2) for update',
    [ids, FINISHED],
  )
  return new Set(rows.map((r) => r.id))
}

/**
 * A batch's unfinished rows, each with one more attempt counted before the work starts (so a
 * crash mid-job still shows on the row). Finished and unknown ids are simply not returned.
 */
export async function claimForProcessing(tx: Tx, ids: readonly string[]): Promise<InboxEvent[]> {
  if (!ids.length) return []
  const rows = await runPrepared(
    tx,
    `update webhook_events set attempts = attempts + 1 where id = any($1) and status <> all($2) returning ${inbox.list}`,
    [ids, FINISHED],
  )
  return rows.map(inbox.row)
}

/** Which of these ids exist at all (to tell "already done" from "missing"). */
export async function existingIds(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const found = await runPrepared<{ id: string }>(tx, 'select id::text from webhook_events where id = any($1)', [ids])
  return new Set(found.map((r) => r.id))
}

/**
 * Whether this transaction may apply a batch of the tenant's sales together (ADR 0019): only one
 * such batch per tenant at a time, since two would wait on, or deadlock against, each other's
 * uncommitted members and wallets. Transaction-scoped: released by the commit or rollback.
 */
export async function tryLockTenantBatch(tx: Tx, tenantId: string): Promise<boolean> {
  const [row] = await runPrepared<{ ok: boolean }>(tx, 'select pg_try_advisory_xact_lock(hashtext($1)) as ok', [
    `pos-ingest:${tenantId}`,
  ])
  return row?.ok === true
}

/** Routing results of a batch, written in one system transaction. */
export async function setRowsStatus(
  tx: Tx,
  ids: readonly string[],
  patch: { status: InboxEventStatus } | { tenantId: string },
) {
  if (!ids.length) return
  if ('status' in patch)
    await runPrepared(tx, 'update webhook_events set status = $1 where id = any($2)', [patch.status, ids])
  else await runPrepared(tx, 'update webhook_events set tenant_id = $1 where id = any($2)', [patch.tenantId, ids])
}

/**
 * Rows the sweeper hands (back) to the queue: received ones older than the grace period (their
 * enqueue was lost or Redis was down), and held ones whose tenant is active again.
 */
export async function rowsToSweep(tx: Tx, olderThan: Date, limit: number): Promise<{ id: string; attempts: number }[]> {
  return tx
    .select({ id: inboxEvents.id, attempts: inboxEvents.attempts })
    .from(inboxEvents)
    .leftJoin(tenants, eq(tenants.id, inboxEvents.tenantId))
    .where(
      and(
        lt(inboxEvents.receivedAt, olderThan),
        or(eq(inboxEvents.status, 'received'), and(eq(inboxEvents.status, 'held'), eq(tenants.status, 'active'))),
      ),
    )
    .orderBy(inboxEvents.receivedAt)
    .limit(limit)
}

/** Unknown-merchant rows that a connection now claims: they get its tenant and wait for processing. */
export async function claimUnmatchedRows(
  tx: Tx,
  provider: PosProvider,
  externalMerchantId: string,
  tenantId: string,
): Promise<string[]> {
  const rows = await tx
    .update(inboxEvents)
    .set({ tenantId, status: 'received', lastError: null })
    .where(
      and(
        eq(inboxEvents.provider, provider),
        eq(inboxEvents.externalMerchantId, externalMerchantId),
        eq(inboxEvents.status, 'unmatched_merchant'),
        isNull(inboxEvents.tenantId),
      ),
    )
    .returning({ id: inboxEvents.id })
  return rows.map((r) => r.id)
}

/** Unknown-merchant rows whose merchant has been linked since (by OAuth or an admin), for the sweeper. */
export async function claimAllLinkedRows(tx: Tx, limit: number): Promise<string[]> {
  const linked = await tx
    .selectDistinct({
      provider: inboxEvents.provider,
      externalMerchantId: inboxEvents.externalMerchantId,
      tenantId: posConnections.tenantId,
    })
    .from(inboxEvents)
    .innerJoin(
      posConnections,
      and(
        eq(posConnections.provider, inboxEvents.provider),
        eq(posConnections.externalMerchantId, inboxEvents.externalMerchantId),
      ),
    )
    .where(eq(inboxEvents.status, 'unmatched_merchant'))
    .limit(limit)
  const ids: string[] = []
  for (const l of linked)
    if (l.externalMerchantId) ids.push(...(await claimUnmatchedRows(tx, l.provider, l.externalMerchantId, l.tenantId)))
  return ids
}

/**
 * Rows held while their connection awaited its ownership proof (ADR 0016), handed back for
 * processing once a platform admin activated it. Runs in the activation's transaction.
 */
export async function releasePendingConnectionRows(
  tx: Tx,
  provider: PosProvider,
  externalMerchantId: string,
  tenantId: string,
): Promise<string[]> {
  const rows = await tx
    .update(inboxEvents)
    .set({ tenantId, status: 'received', lastError: null })
    .where(
      and(
        eq(inboxEvents.provider, provider),
        eq(inboxEvents.externalMerchantId, externalMerchantId),
        eq(inboxEvents.status, 'pending_connection'),
      ),
    )
    .returning({ id: inboxEvents.id })
  return rows.map((r) => r.id)
}
