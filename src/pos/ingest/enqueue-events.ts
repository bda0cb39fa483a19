// Hands inbox rows to the processing queue, always after the rows are committed (principle
// 11). Failure is not an error here: the row is durable and the sweeper enqueues it later, so
// an acknowledged event is never lost when Redis is down.
import type { AppDeps } from '../../infra/deps'
import { log } from '../../infra/logger'

/** Job name and payload shared with polling (src/pos/connection/feed-inbox.ts). */
export const PROCESS_POS_EVENT = 'process-pos-webhook'
export type ProcessPosEventData = { webhookEventId: string }

/**
 * BullMQ ignores an add whose jobId still exists. Receipt and the sweeper both name a job by the
 * row's attempt count ("a0" at receipt), so a row merely waiting is not queued twice; a row
 * whose job died, or completed as held, has a higher count and gets a new job. Replays use "r…".
 */
export const jobIdFor = (webhookEventId: string, suffix: string) => `pos-event-${webhookEventId}-${suffix}`

export async function enqueueEvents(deps: Pick<AppDeps, 'queues'>, ids: readonly string[], suffix: (id: string) => string = () => 'a0'): Promise<number> {
  let queued = 0
  for (const id of ids) {
    try {
      const data: ProcessPosEventData = { webhookEventId: id }
      await deps.queues.enqueue('pos-events', PROCESS_POS_EVENT, data, { jobId: jobIdFor(id, suffix(id)) })
      queued++
    } catch (e) {
      log.warn({ webhookEventId: id, err: { message: (e as Error).message } }, 'enqueue failed; the inbox sweeper will retry')
      // Redis is down: the rest would time out one by one too.
      break
    }
  }
  return queued
}
