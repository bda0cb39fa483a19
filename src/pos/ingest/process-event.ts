// The processing job's use case, for a batch of inbox events (ADR 0019): claim them, route them
// to their tenants, parse and fetch missing details outside any transaction, then apply each
// tenant's rows, together in one transaction when no other batch of that shop is in flight.
// A row's effects and its status commit together, so a crash or error leaves each row either
// fully applied or untouched, and a rerun finds the applied ones done. Exactly-once still comes
// from the unique keys inside applyEvent, never from the batching.
import type { Tx } from '../../infra/db'
import type { AppDeps } from '../../infra/deps'
import { asSystem, inTenant } from '../../infra/scope'
import { getActiveRules } from '../../rules'
import type { Tenant } from '../../tenancy'
import { revokeConnection } from '../connection'
import type { PosEvent } from '../pos-event'
import { posAdapters } from '../registry'
import { type ApplyOutcome, applyEvent } from './apply-event'
import { completeDetails } from './complete-details'
import { PermanentIngestError } from './errors'
import {
  finishInboxEvents,
  type InboxEvent,
  lockUnfinishedInboxEvents,
  setRowsStatus,
  tryLockTenantBatch,
} from './inbox.repo'
import type { IdentitySignal } from './identity-decision'
import { identityPriority } from './ingest-settings'
import { claimAndRoute, type RoutedRow } from './route-rows'

export type ProcessOutcome = 'processed' | 'ignored' | 'unmatched_merchant' | 'held' | 'already_done' | 'missing'
export type InboxEventResult = { outcome: ProcessOutcome } | { error: unknown }

/** One row, for callers that hold a single id (tests, the demo seed). Throws the row's error. */
export async function processInboxEvent(deps: AppDeps, inboxEventId: string): Promise<ProcessOutcome> {
  const result = (await processInboxEvents(deps, [inboxEventId])).get(inboxEventId)!
  if ('error' in result) throw result.error
  return result.outcome
}

export async function processInboxEvents(
  deps: AppDeps,
  ids: readonly string[],
): Promise<Map<string, InboxEventResult>> {
  const results = new Map<string, InboxEventResult>()
  const routing = await claimAndRoute(deps, ids, deps.clock())
  for (const id of routing.done) results.set(id, { outcome: 'already_done' })
  for (const id of routing.missing) results.set(id, { outcome: 'missing' })
  for (const id of routing.unmatched) results.set(id, { outcome: 'unmatched_merchant' })
  for (const id of routing.held) results.set(id, { outcome: 'held' })
  for (const [id, error] of routing.failed) results.set(id, { error })

  for (const batch of routing.batches) {
    const prepared: Prepared[] = []
    const pending: string[] = []
    for (const routed of batch.rows) {
      try {
        const events = await eventsOf(deps, batch.tenant, routed)
        if (events === 'pending_connection') pending.push(routed.row.id)
        else prepared.push({ row: routed.row, events })
      } catch (error) {
        results.set(routed.row.id, { error })
      }
    }
    if (pending.length) {
      await asSystem(deps.dbh.db, (tx) => setRowsStatus(tx, pending, { status: 'pending_connection' }))
      for (const id of pending) results.set(id, { outcome: 'held' })
    }
    for (const [id, r] of await applyTenantBatch(deps, batch.tenant, prepared)) results.set(id, r)
  }
  return results
}

type Prepared = { row: InboxEvent; events: PosEvent[] }

/**
 * Sales committed together: enough to share the commit and the per-transaction round trips,
 * few enough that the members and wallets they lock are not held for long (other worker slots
 * may be applying the same shop's sales one by one meanwhile).
 */
const SALES_PER_TRANSACTION = 10

/**
 * Parse with the adapter, act on revocations, fetch details over the provider API: no transaction
 * open. A connection whose ownership is unproven (ADR 0016) keeps its rows unprocessed instead.
 */
async function eventsOf(
  deps: AppDeps,
  tenant: Tenant,
  { row, connectionId, connectionStatus }: RoutedRow,
): Promise<PosEvent[] | 'pending_connection'> {
  const adapter = posAdapters[row.provider]
  const webhook = { rawBody: row.rawBody, headers: new Headers(row.headers) }
  if (!adapter.extractEnvelopes(webhook)) throw new PermanentIngestError('the stored delivery is unreadable')
  // Clover batches several envelopes in one body: this row owns only the events of its own.
  const parsed = adapter
    .parse(webhook, { fallbackCurrency: tenant.currency })
    .filter((e) => e.providerEventId === row.providerEventId)
  for (const e of parsed)
    if (e.type === 'access_revoked') await revokeConnection(deps, row.provider, e.externalMerchantId, e.reason)
  // Ownership unproven (ADR 0016): kept, not fetched, not awarded; activation releases it.
  if (connectionStatus === 'pending' && !parsed.some((e) => e.type === 'access_revoked')) return 'pending_connection'
  const events: PosEvent[] = []
  for (const e of parsed) {
    if (e.type === 'sale_completed' && e.needsDetails)
      events.push(...(await completeDetails(deps, adapter, connectionId, e, tenant.currency)))
    else events.push(e)
  }
  return events
}

/**
 * A tenant's rows, applied. Optimistically several sales per transaction: one commit for many
 * and no per-row overhead (no savepoints). Only one such transaction per tenant runs at a time;
 * two would wait on, or deadlock against, each other's uncommitted members and wallets. So when
 * the tenant's batch lock is taken, or a row fails and aborts the transaction, each of those
 * sales gets its own transaction instead, and a failing row fails alone.
 */
async function applyTenantBatch(
  deps: AppDeps,
  tenant: Tenant,
  prepared: readonly Prepared[],
): Promise<Map<string, InboxEventResult>> {
  const out = new Map<string, InboxEventResult>()
  if (!prepared.length) return out
  const db = deps.dbh.db
  const rules = await getActiveRules(deps, tenant.id)
  const now = deps.clock()
  const scope = { tenantId: tenant.id }
  const applyRow = async (
    tx: Tx,
    priority: readonly IdentitySignal[],
    { row, events }: Prepared,
  ): Promise<'processed' | 'ignored'> => {
    const ctx = { scope, rules, timeZone: tenant.timeZone, now, priority, inboxEventId: row.id }
    const done: ApplyOutcome[] = []
    for (const event of events) done.push(await applyEvent(tx, ctx, event))
    return done.some((o) => o !== 'ignored') ? 'processed' : 'ignored'
  }
  // Each row's status commits with its effects; a chunk's rows are finished in one statement per status.
  const finish = async (tx: Tx, rows: { id: string; status: 'processed' | 'ignored' }[]) => {
    for (const status of ['processed', 'ignored'] as const) {
      const ids = rows.filter((r) => r.status === status).map((r) => r.id)
      if (ids.length) await finishInboxEvents(tx, ids, { status, tenantId: tenant.id, processedAt: now })
    }
  }
  // The rows are locked first and re-read: a second job holding the same row (the sweeper's,
  // a retry) waits here for the first to commit, then finds it finished and leaves it, rather
  // than counting the sale's own delivery as a duplicate.
  const applyRows = async (tx: Tx, rows: readonly Prepared[]): Promise<ProcessOutcome[]> => {
    const open = await lockUnfinishedInboxEvents(
      tx,
      rows.map((p) => p.row.id),
    )
    const priority = await identityPriority(tx, scope)
    const outcomes: ProcessOutcome[] = []
    const finished: { id: string; status: 'processed' | 'ignored' }[] = []
    for (const p of rows) {
      if (!open.has(p.row.id)) {
        outcomes.push('already_done')
        continue
      }
      const status = await applyRow(tx, priority, p)
      outcomes.push(status)
      finished.push({ id: p.row.id, status })
    }
    await finish(tx, finished)
    return outcomes
  }
  for (let i = 0; i < prepared.length; i += SALES_PER_TRANSACTION) {
    const chunk = prepared.slice(i, i + SALES_PER_TRANSACTION)
    const together = await inTenant(db, scope, async (tx) =>
      (await tryLockTenantBatch(tx, tenant.id)) ? applyRows(tx, chunk) : null,
    ).catch(() => null)
    if (together) {
      for (const [k, p] of chunk.entries()) out.set(p.row.id, { outcome: together[k]! })
      continue
    }
    for (const p of chunk) {
      try {
        const [outcome] = await inTenant(db, scope, (tx) => applyRows(tx, [p]))
        out.set(p.row.id, { outcome: outcome! })
      } catch (error) {
        out.set(p.row.id, { error })
      }
    }
  }
  const doneAt = deps.clock().getTime()
  for (const { row } of prepared) {
    const r = out.get(row.id)
    if (r && 'outcome' in r)
      deps.metrics.posProcessing.observe(
        { provider: row.provider, outcome: r.outcome },
        (doneAt - row.receivedAt.getTime()) / 1000,
      )
  }
  return out
}
