// Thin handler (principle 11): validate, call the ingestion use case. Transient failures are
// rethrown for BullMQ's exponential backoff (5 attempts); permanent ones go straight to the
// dead-letter queue as UnrecoverableError. On the last attempt the inbox row is marked failed
// with the error, so the admin can see and replay it.
import { type Job, UnrecoverableError } from 'bullmq'
import { z } from 'zod'
import type { AppDeps } from '../src/infra/deps'
import { markEventFailed, PermanentIngestError, processInboxEvent } from '../src/pos/ingest'

const payload = z.object({ webhookEventId: z.string().min(1).max(64) })

export async function processPosEventJob(deps: AppDeps, data: unknown, job: Job) {
  const parsed = payload.safeParse(data)
  if (!parsed.success) throw new UnrecoverableError('process-pos-webhook: invalid payload')
  const { webhookEventId } = parsed.data
  try {
    return await processInboxEvent(deps, webhookEventId)
  } catch (e) {
    const permanent = e instanceof PermanentIngestError
    if (permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await markEventFailed(deps, webhookEventId, e)
    if (permanent) throw new UnrecoverableError((e as Error).message)
    throw e
  }
}
