// Polled sales enter exactly where webhooks enter (ingestEvent: an inbox event and the
// processing job). Each event holds the bytes the provider's webhook would have carried, and its
// providerEventId comes from the adapter's own extractEnvelopes, so the processing job parses
// it like any delivery. Repeated polls of one sale version hit the inbox's unique key; a sale
// that arrived by webhook too is deduplicated by the job on the provider transaction id
// (pos-providers.md: award on the transaction, never the event).
import { and, eq, inArray } from 'drizzle-orm'
import type { AppDeps } from '../../infra/deps'
import { log } from '../../infra/logger'
import { asSystem } from '../../infra/scope'
import { ingestEvent } from '../ingest/receive-webhook'
import type { PolledSale } from '../kit/list-page'
import { posTransactions } from '../pos.schema'
import { posAdapters } from '../registry'
import type { Connection } from './connections.repo'

export type FeedResult = { inserted: string[]; alreadyIngested: number; duplicates: number }

export async function feedInbox(deps: AppDeps, c: Connection, sales: readonly PolledSale[]): Promise<FeedResult> {
  const result: FeedResult = { inserted: [], alreadyIngested: 0, duplicates: 0 }
  if (sales.length === 0) return result
  const adapter = posAdapters[c.provider]
  const ids = sales.map((s) => s.transactionId)
  const known = new Set(
    (
      await asSystem(deps.dbh.db, (tx) =>
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
    ).map((r) => r.id),
  )
  for (const sale of sales) {
    if (known.has(sale.transactionId)) {
      result.alreadyIngested++
      continue
    }
    const envelopes = adapter.extractEnvelopes({
      rawBody: sale.delivery.rawBody,
      headers: new Headers(sale.delivery.headers),
    })
    if (!envelopes?.length) {
      log.warn({ provider: c.provider, connectionId: c.id }, 'polled sale could not be wrapped as a delivery; skipped')
      continue
    }
    const { result: stored, queued } = await ingestEvent(deps, c.provider, envelopes, sale.delivery, 'poll')
    await queued
    result.inserted.push(...stored.stored)
    result.duplicates += stored.duplicates
  }
  return result
}
