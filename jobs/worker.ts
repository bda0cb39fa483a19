// The worker runtime: one BullMQ Worker per queue, dispatching by job name through the
// registry. Runs in-process for ROLE=all|worker. Failed jobs that exhaust their retries are
// copied to the dead-letter queue (the failed set stays the source of truth for replay).
import { UnrecoverableError, Worker } from 'bullmq'
import type { AppDeps } from '../src/infra/deps'
import { log, logContext } from '../src/infra/logger'
import { type JobEnvelope, queueNames } from '../src/infra/queue'
import { createRedis } from '../src/infra/redis'
import { receiptRate } from '../src/pos/ingest'
import { giveWayToReceipt } from './give-way'
import { jobs, schedules } from './registry'

export type WorkerRuntime = { close(): Promise<void> }

/**
 * What an operator reads in the dead-letter queue. A failed query's own message carries the
 * statement's parameters (phone numbers, codes); the database's message in its cause does not.
 */
function failureReason(error: Error): string {
  const cause = (error as { cause?: unknown }).cause
  return cause instanceof Error && cause.message ? cause.message : error.message
}

export async function startWorkers(deps: AppDeps, opts: { concurrency?: number } = {}): Promise<WorkerRuntime> {
  const connection = createRedis(deps.config.REDIS_URL, { forWorkers: true })
  const concurrency = opts.concurrency ?? 5
  const stops: (() => void)[] = []
  const workers = queueNames.map((queue) => {
    const worker = new Worker(
      queue,
      async (job) => {
        const def = jobs[job.name]
        if (!def || def.queue !== queue) throw new UnrecoverableError(`no handler for ${queue}/${job.name}`)
        const envelope = job.data as JobEnvelope
        const stop = deps.metrics.jobDuration.startTimer({ queue, job: job.name })
        return logContext.run({ reqId: envelope.reqId ?? `job:${job.id}` }, async () => {
          try {
            const result = await def.handle(deps, envelope.data, job)
            log.debug({ queue, job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 }, 'job done')
            return result
          } finally {
            stop()
          }
        })
      },
      { connection, prefix: deps.queues.prefix, concurrency },
    )
    worker.on('failed', async (job, error) => {
      if (!job) return
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError'
      deps.metrics.jobFailures.inc({ queue, job: job.name, final: String(final) })
      log.warn({ queue, job: job.name, jobId: job.id, attempt: job.attemptsMade, final, err: error }, 'job failed')
      if (final) {
        await deps.queues.deadLetter
          .add(
            'dead',
            { queue, job: job.name, jobId: job.id, reason: failureReason(error) },
            { removeOnComplete: false },
          )
          .catch(() => {})
      }
    })
    worker.on('error', (error) => log.error({ queue, err: error }, 'worker error'))
    if (queue === 'pos-events')
      stops.push(giveWayToReceipt(worker, concurrency, () => receiptRate.perSecond(performance.now())))
    return worker
  })
  for (const s of schedules) {
    await deps.queues
      .get(s.queue)
      .upsertJobScheduler(s.key, { pattern: s.pattern }, { name: s.job, data: { data: {} } })
  }
  return {
    async close() {
      for (const stop of stops) stop()
      // close() waits for active jobs to finish; never close(true) (it abandons them).
      await Promise.all(workers.map((w) => w.close()))
      connection.disconnect()
    },
  }
}
