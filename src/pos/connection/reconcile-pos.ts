// Nightly: read each working connection's last 48 h of sales from the POS, compare with the
// transactions we ingested, feed whatever is missing into the inbox (the normal path), and
// keep a report per connection for the admin console. Webhooks can be lost for good (Square
// retries 24 h, Toast twice); this is the backstop.
import { and, eq, inArray } from 'drizzle-orm'
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { newId } from '../../shared/ids'
import type { FetchLike } from '../adapter'
import type { PolledSale } from '../kit/list-page'
import { posTransactions } from '../pos.schema'
import { posAdapters } from '../registry'
import { connectionAccessToken } from './access-token'
import { posReconciliationReports } from './connection.schema'
import { type Connection, listAllConnections } from './connections.repo'
import { feedInbox } from './feed-inbox'
import { providerApiBase } from './provider-api-base'
import { isIngestionPaused } from './connection-status'

const MAX_PAGES = 100

export type ReconcileReport = typeof posReconciliationReports.$inferSelect

export async function reconcilePos(deps: AppDeps, opts: { fetch?: FetchLike } = {}): Promise<ReconcileReport[]> {
  const all = await asSystem(deps.dbh.db, (tx) => listAllConnections(tx))
  const reports: ReconcileReport[] = []
  for (const c of all.filter((x) => !isIngestionPaused(x.status)))
    reports.push(await reconcileConnection(deps, c, opts.fetch ?? fetch))
  return reports
}

async function reconcileConnection(deps: AppDeps, c: Connection, fetchFn: FetchLike): Promise<ReconcileReport> {
  const windowEnd = deps.clock()
  const windowStart = new Date(windowEnd.getTime() - deps.config.POS_RECONCILE_WINDOW_HOURS * 3600_000)
  const base = {
    id: newId('rec'),
    tenantId: c.tenantId,
    connectionId: c.id,
    provider: c.provider,
    windowStart,
    windowEnd,
    createdAt: windowEnd,
  }
  const listed = await listWindow(deps, c, fetchFn, windowStart, windowEnd)
  let report: ReconcileReport
  if (!listed.ok) {
    report = { ...base, posCount: 0, ingestedCount: 0, missing: [], outcome: 'failed', error: listed.error }
  } else {
    const ids = [...new Set(listed.sales.map((s) => s.transactionId))]
    const ingested = ids.length
      ? await asSystem(deps.dbh.db, (tx) =>
          tx
            .select({ id: posTransactions.providerTransactionId })
            .from(posTransactions)
            .where(
              and(
                eq(posTransactions.tenantId, c.tenantId),
                eq(posTransactions.provider, c.provider),
                inArray(posTransactions.providerTransactionId, ids),
              ),
            ),
        )
      : []
    const have = new Set(ingested.map((r) => r.id))
    const missing = ids.filter((id) => !have.has(id))
    await feedInbox(
      deps,
      c,
      listed.sales.filter((s) => missing.includes(s.transactionId)),
    )
    report = {
      ...base,
      posCount: ids.length,
      ingestedCount: have.size,
      missing,
      outcome: missing.length ? 'repaired' : 'clean',
      error: null,
    }
  }
  await asSystem(deps.dbh.db, (tx) => tx.insert(posReconciliationReports).values(report))
  return report
}

type Listed = { ok: true; sales: PolledSale[] } | { ok: false; error: string }

async function listWindow(deps: AppDeps, c: Connection, fetchFn: FetchLike, from: Date, until: Date): Promise<Listed> {
  const token = await connectionAccessToken(deps, c, { fetch: fetchFn })
  if (!token.ok) return { ok: false, error: `no usable token (${token.error.reason})` }
  const poller = posAdapters[c.provider].polling
  if (!poller) return { ok: false, error: 'the provider has no listing API' }
  const ctx = { fetch: fetchFn, baseUrl: providerApiBase(deps.config, c), accessToken: token.value }
  const sales: PolledSale[] = []
  let pageToken: string | null = null
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await poller.page(ctx, {
      merchantId: c.externalMerchantId,
      cursor: poller.cursorAt(from),
      pageToken,
      until,
    })
    if (!page.ok) return { ok: false, error: `listing failed (${page.error.code})` }
    // Lightspeed's feed has no date filter, so the window is applied here.
    sales.push(...page.value.sales.filter((s) => new Date(s.changedAt) >= from))
    pageToken = page.value.nextPage
    if (pageToken === null) return { ok: true, sales }
  }
  return { ok: false, error: 'too many pages in the window' }
}
