// The processing job's use case, per inbox row: route it to its tenant, parse, fetch missing
// details, then apply every event and mark the row in ONE tenant transaction, so a crash at
// any point leaves either nothing or everything, and a rerun finds the work done.
import { getActiveRules } from '../../rules'
import { revokeConnection } from '../connection/revoke-connection'
import type { AppDeps } from '../../infra/deps'
import { asSystem, inTenant } from '../../infra/scope'
import { getTenant } from '../../tenancy'
import type { PosEvent } from '../pos-event'
import { posAdapters } from '../registry'
import { type ApplyOutcome, applyEvent } from './apply-event'
import { completeDetails } from './complete-details'
import { PermanentIngestError } from './errors'
import { connectionFor, countAttempt, getInboxRow, type InboxRow, updateInboxRow } from './inbox.repo'
import { identityPriority } from './ingest-settings'

export type ProcessOutcome = 'processed' | 'ignored' | 'unmatched_merchant' | 'held' | 'already_done' | 'missing'

const FINISHED = new Set<InboxRow['status']>(['processed', 'ignored'])

export async function processInboxEvent(deps: AppDeps, webhookEventId: string): Promise<ProcessOutcome> {
  const db = deps.dbh.db
  const row = await asSystem(db, (tx) => getInboxRow(tx, webhookEventId))
  if (!row) return 'missing'
  if (FINISHED.has(row.status)) return 'already_done'
  await asSystem(db, (tx) => countAttempt(tx, row.id))

  // Routing before the tenant is known is system scope by design (ARCHITECTURE.md).
  const connection = row.externalMerchantId ? await asSystem(db, (tx) => connectionFor(tx, row.provider, row.externalMerchantId!)) : null
  const tenantId = row.tenantId ?? connection?.tenantId
  if (!tenantId || !connection) {
    await asSystem(db, (tx) => updateInboxRow(tx, row.id, { status: 'unmatched_merchant' }))
    return 'unmatched_merchant'
  }
  if (!row.tenantId) await asSystem(db, (tx) => updateInboxRow(tx, row.id, { tenantId }))
  const tenant = await getTenant(db, tenantId)
  if (!tenant) throw new PermanentIngestError('the connection names a tenant that does not exist')
  if (tenant.status === 'suspended') {
    // Stored and held: the sweeper hands it back once the tenant is reinstated.
    await asSystem(db, (tx) => updateInboxRow(tx, row.id, { status: 'held', tenantId }))
    return 'held'
  }

  const adapter = posAdapters[row.provider]
  const webhook = { rawBody: row.rawBody, headers: new Headers(row.headers) }
  if (!adapter.extractEnvelopes(webhook)) throw new PermanentIngestError('the stored delivery is unreadable')
  // Clover batches several envelopes in one body: this row owns only the events of its own.
  const parsed = adapter.parse(webhook, { fallbackCurrency: tenant.currency }).filter((e) => e.providerEventId === row.providerEventId)
  for (const e of parsed) if (e.type === 'access_revoked') await revokeConnection(deps, row.provider, e.externalMerchantId, e.reason)
  if (connection.status === 'pending' && !parsed.some((e) => e.type === 'access_revoked')) {
    // Ownership unproven (ADR 0016): kept, not fetched, not awarded; activation releases it.
    await asSystem(db, (tx) => updateInboxRow(tx, row.id, { status: 'pending_connection', tenantId }))
    return 'held'
  }
  const events: PosEvent[] = []
  for (const e of parsed) {
    if (e.type === 'sale_completed' && e.needsDetails) events.push(...(await completeDetails(deps, adapter, connection.id, e, tenant.currency)))
    else events.push(e)
  }

  const rules = await getActiveRules(deps, tenantId)
  const now = deps.clock()
  const scope = { tenantId }
  const outcomes: ApplyOutcome[] = await inTenant(db, scope, async (tx) => {
    const priority = await identityPriority(tx, scope)
    const ctx = { scope, rules, timeZone: tenant.timeZone, now, priority, webhookEventId: row.id }
    const done: ApplyOutcome[] = []
    for (const event of events) done.push(await applyEvent(tx, ctx, event))
    const useful = done.some((o) => o !== 'ignored')
    await updateInboxRow(tx, row.id, { status: useful ? 'processed' : 'ignored', tenantId, lastError: null, processedAt: now })
    return done
  })
  const outcome = outcomes.some((o) => o !== 'ignored') ? 'processed' : 'ignored'
  deps.metrics.posProcessing.observe({ provider: row.provider, outcome }, (deps.clock().getTime() - row.receivedAt.getTime()) / 1000)
  return outcome
}
