// The producer side of background work. Queue names and default options live here so the web
// process can enqueue without importing the workers (jobs/ is a composition root).
import { type JobsOptions, Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { logContext } from './logger'

export const queueNames = ['maintenance', 'notifications', 'redemptions', 'pos-events', 'connections'] as const
export type QueueName = (typeof queueNames)[number]
export const DEAD_LETTER = 'dead-letter'

const defaultJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { age: 14 * 24 * 3600 },
}

/** Every job carries the request id of whatever started it, so its logs join the request's. */
export type JobEnvelope<T = unknown> = { reqId?: string; data: T }

const ENQUEUE_TIMEOUT_MS = 2_000

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, r) => (timer = setTimeout(() => r(new Error('enqueue timed out')), ms))),
    ])
  } finally {
    clearTimeout(timer)
  }
}

export type Queues = {
  prefix: string
  get(name: QueueName): Queue
  deadLetter: Queue
  enqueue<T>(queue: QueueName, job: string, data: T, opts?: JobsOptions): Promise<void>
  /** Several jobs in one Redis round trip (hot paths hand work over in batches). */
  enqueueBulk<T>(queue: QueueName, jobs: readonly { name: string; data: T; opts?: JobsOptions }[]): Promise<void>
  close(): Promise<void>
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const queues = new Map<QueueName, Queue>()
  for (const name of queueNames) queues.set(name, new Queue(name, { connection, prefix, defaultJobOptions }))
  const deadLetter = new Queue(DEAD_LETTER, { connection, prefix })
  const get = (name: QueueName) => queues.get(name)!
  return {
    prefix,
    get,
    deadLetter,
    async enqueue(queue, job, data, opts) {
      const envelope: JobEnvelope = { reqId: logContext.getStore()?.reqId, data }
      // Bounded: with Redis down a caller must learn it quickly (durable rows wait for a sweeper).
      await withTimeout(get(queue).add(job, envelope, opts), ENQUEUE_TIMEOUT_MS)
    },
    async enqueueBulk(queue, jobs) {
      if (!jobs.length) return
      const reqId = logContext.getStore()?.reqId
      await withTimeout(
        get(queue).addBulk(
          jobs.map((j) => ({ name: j.name, data: { reqId, data: j.data } satisfies JobEnvelope, opts: j.opts })),
        ),
        ENQUEUE_TIMEOUT_MS,
      )
    },
    async close() {
      await Promise.all([...queues.values(), deadLetter].map((q) => q.close()))
    },
  }
}
