// Thin handler (principle 11): validate, call the ingestion use case for the job's batch of
// inbox events. Rows that failed transiently make the job throw, so BullMQ retries it with
// exponential backoff (5 attempts); the rows already applied are skipped on the retry. Permanent
// failures skip the retries: the row is marked failed at once and the job goes to the
// dead-letter queue as UnrecoverableError. On the last attempt every still-failing row is
// marked failed with its error, so the admin can see and replay it.
import { type Job, UnrecoverableError } from 'bullmq'
import { z } from 'zod'
import type { AppDeps } from '../src/infra/deps'
import { log } from '../src/infra/logger'
import { announceSales } from '../src/live'
import { notifyPointsEarned } from '../src/notices'
import { listAppliedSales, markInboxEventFailed, PermanentIngestError, processInboxEvents } from '../src/pos/ingest'

const id = z.string().min(1).max(64)
// The payload keys are wire names kept from before the inbox-event naming (ADR 0030): a job
// queued by the previous release must still parse. Single-row jobs ({ webhookEventId }) may
// still be queued from before batching (ADR 0019).
const payload = z.union([
  z.object({ webhookEventIds: z.array(id).min(1).max(500) }),
  z.object({ webhookEventId: id }).transform((d) => ({ webhookEventIds: [d.webhookEventId] })),
])

export async function processInboxEventsJob(deps: AppDeps, data: unknown, job: Job) {
  const parsed = payload.safeParse(data)
  if (!parsed.success) throw new UnrecoverableError('process-pos-webhook: invalid payload')
  const ids = parsed.data.webhookEventIds
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
  let results: Awaited<ReturnType<typeof processInboxEvents>>
  try {
    results = await processInboxEvents(deps, ids)
  } catch (e) {
    // The batch could not even be claimed or routed (database down): all of it retries.
    if (lastAttempt) for (const rowId of ids) await markInboxEventFailed(deps, rowId, e).catch(() => {})
    throw e
  }
  let retry: unknown = null
  let permanent: unknown = null
  const outcomes: Record<string, number> = {}
  const processed: string[] = []
  for (const [rowId, r] of results) {
    if ('outcome' in r) {
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1
      if (r.outcome === 'processed') processed.push(rowId)
      continue
    }
    const isPermanent = r.error instanceof PermanentIngestError
    if (isPermanent || lastAttempt) await markInboxEventFailed(deps, rowId, r.error)
    if (isPermanent) permanent ??= r.error
    else retry ??= r.error
  }
  await afterCommit(deps, processed)
  if (retry) throw retry
  if (permanent) throw new UnrecoverableError((permanent as Error).message)
  return outcomes
}

/** The batch's committed sales, announced to the pages watching them and to the people who asked (ADR 0024). */
async function afterCommit(deps: AppDeps, processedRowIds: string[]) {
  if (!processedRowIds.length) return
  // Never fails the job: its rows are applied, and a retry would find them done and announce nothing.
  try {
    const sales = await listAppliedSales(deps.dbh.db, processedRowIds)
    await announceSales(deps.redis, deps.queues.prefix, sales)
    await notifyPointsEarned(deps, sales)
  } catch (error) {
    log.warn({ err: error }, 'process-pos-webhook: applied sales not announced')
  }
}
