// Polled sales enter exactly where webhooks enter: a webhook_events row (the inbox) and the
// ingestion job. Each row holds the bytes the provider's webhook would have carried, and its
// providerEventId comes from the adapter's own extractEnvelopes, so the processing job parses
// it like any delivery. Repeated polls of one sale version hit the inbox's unique key; a sale
// that arrived by webhook too is deduplicated by the job on the provider transaction id
// (pos-providers.md: award on the transaction, never the event).
import { and, eq, inArray } from 'drizzle-orm'
import type { AppDeps } from '../../infra/deps'
import { log } from '../../infra/logger'
import { asSystem } from '../../infra/scope'
import { newId } from '../../shared/ids'
import type { PolledSale } from '../kit/list-page'
import { posTransactions, webhookEvents } from '../pos.schema'
import { posAdapters } from '../registry'
import type { Connection } from './connections.repo'

/** The ingestion module's processing job (architecture guide: jobs/process-pos-webhook.ts). */
export const PROCESS_POS_EVENT_JOB = 'process-pos-webhook'

export type FeedResult = { inserted: string[]; alreadyIngested: number; duplicates: number }

export async function feedInbox(deps: AppDeps, c: Connection, sales: readonly PolledSale[], now: Date): Promise<FeedResult> {
  const result: FeedResult = { inserted: [], alreadyIngested: 0, duplicates: 0 }
  if (sales.length === 0) return result
  const adapter = posAdapters[c.provider]
  await asSystem(deps.dbh.db, async (tx) => {
    const known = new Set(
      (
        await tx
          .select({ id: posTransactions.providerTransactionId })
          .from(posTransactions)
          .where(and(eq(posTransactions.tenantId, c.tenantId), eq(posTransactions.provider, c.provider), inArray(posTransactions.providerTransactionId, sales.map((s) => s.transactionId))))
      ).map((r) => r.id),
    )
    for (const sale of sales) {
      if (known.has(sale.transactionId)) {
        result.alreadyIngested++
        continue
      }
      const envelope = adapter.extractEnvelopes({ rawBody: sale.delivery.rawBody, headers: new Headers(sale.delivery.headers) })?.[0]
      if (!envelope) {
        log.warn({ provider: c.provider, connectionId: c.id }, 'polled sale could not be wrapped as a delivery; skipped')
        continue
      }
      const id = newId('whk')
      const rows = await tx
        .insert(webhookEvents)
        .values({ id, provider: c.provider, providerEventId: envelope.providerEventId, externalMerchantId: c.externalMerchantId, tenantId: c.tenantId, eventType: envelope.eventType, rawBody: sale.delivery.rawBody, receivedAt: now })
        .onConflictDoNothing()
        .returning({ id: webhookEvents.id })
      if (rows.length) result.inserted.push(id)
      else result.duplicates++
    }
  })
  // After commit (principle 11). If Redis is down the rows wait for the ingestion sweeper.
  for (const id of result.inserted) {
    await deps.queues
      .enqueue('pos-events', PROCESS_POS_EVENT_JOB, { webhookEventId: id }, { jobId: `pos-event-${id}` })
      .catch((e) => log.warn({ err: e, webhookEventId: id }, 'could not enqueue a polled event; the inbox sweeper will'))
  }
  return result
}
