// Hands inbox events to the processing queue, always after the rows are committed (principle
// 11). Failure is not an error here: the row is durable and the sweeper enqueues it later, so
// an acknowledged event is never lost when Redis is down.
import type { AppDeps } from '../../infra/deps'
import { log } from '../../infra/logger'

/**
 * The job that processes inbox events. Its name, the payload key and the job-id prefix are
 * the wire format in Redis, kept from before the inbox-event naming (ADR 0030) so jobs
 * queued by the previous release still run. Polling enqueues through ingestEvent too.
 */
export const PROCESS_INBOX_EVENTS = 'process-pos-webhook'
/** One job carries a batch of rows: the worker applies them in one transaction per tenant. */
export type InboxEventsJobData = { webhookEventIds: string[] }

/** Rows per job: large enough to share a transaction, small enough that a retry redoes little. */
export const JOB_BATCH = 50

/**
 * BullMQ ignores an add whose jobId still exists. Receipt and the sweeper both name a job by a
 * row's attempt count ("a0" at receipt; a batch is named by its first row), so a row merely
 * waiting is not queued twice; a row whose job died, or completed as held, has a higher count
 * and gets a new job. Replays use "r…".
 */
export const jobIdFor = (inboxEventId: string, suffix: string) => `pos-event-${inboxEventId}-${suffix}`

/** One job per row, each named for the row (sweeper, replay, linking: rare, and per-row dedupe matters). */
export async function enqueueInboxEvents(
  deps: Pick<AppDeps, 'queues'>,
  ids: readonly string[],
  suffix: (id: string) => string = () => 'a0',
): Promise<number> {
  return enqueueJobs(
    deps,
    ids.map((id) => [id]),
    (batch) => suffix(batch[0]!),
  )
}

/** Batches of rows as jobs of up to JOB_BATCH rows, in one Redis round trip. */
export async function enqueueInboxEventBatches(deps: Pick<AppDeps, 'queues'>, ids: readonly string[]): Promise<number> {
  const batches: string[][] = []
  for (let i = 0; i < ids.length; i += JOB_BATCH) batches.push(ids.slice(i, i + JOB_BATCH))
  return enqueueJobs(deps, batches, () => 'a0')
}

async function enqueueJobs(
  deps: Pick<AppDeps, 'queues'>,
  batches: string[][],
  suffix: (batch: string[]) => string,
): Promise<number> {
  if (!batches.length) return 0
  try {
    await deps.queues.enqueueBulk(
      'pos-events',
      batches.map((batch) => ({
        name: PROCESS_INBOX_EVENTS,
        data: { webhookEventIds: batch } satisfies InboxEventsJobData,
        opts: { jobId: jobIdFor(batch[0]!, suffix(batch)) },
      })),
    )
    return batches.reduce((n, b) => n + b.length, 0)
  } catch (e) {
    log.warn(
      { rows: batches.reduce((n, b) => n + b.length, 0), err: { message: (e as Error).message } },
      'enqueue failed; the inbox sweeper will retry',
    )
    return 0
  }
}
