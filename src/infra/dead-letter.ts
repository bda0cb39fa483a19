// The dead-letter queue as an operator sees it: what failed for good, and a way to try again.
// A DLQ entry only points at the original job (queue + id); the failed set keeps the job's data,
// so a replay retries that very job (same id, same payload) with fresh attempts. Replaying a POS
// event twice is harmless: the ledger's unique references refuse a second award.
import type { QueueName, Queues } from './queue'

export type DeadLetter = { id: string; queue: string; job: string; jobId: string; reason: string; at: Date }
export type DeadLetterFilter = { queue?: string; job?: string; reason?: string }
export type ReplayResult = { replayed: string[]; missing: string[] }

/** A DLQ holds what needs a person; past this many, the first page is enough to act on. */
const MAX_LISTED = 1_000

type Entry = { queue: string; job: string; jobId: string; reason: string }

export async function listDeadLetters(queues: Queues, filter: DeadLetterFilter): Promise<DeadLetter[]> {
  const jobs = await queues.deadLetter.getJobs(['waiting', 'delayed'], 0, MAX_LISTED - 1)
  const reason = filter.reason?.toLowerCase()
  return jobs
    .filter((j) => j?.id)
    .map((j) => ({ id: j.id!, ...(j.data as Entry), at: new Date(j.timestamp) }))
    .filter(
      (d) =>
        (!filter.queue || d.queue === filter.queue) &&
        (!filter.job || d.job === filter.job) &&
        (!reason || d.reason.toLowerCase().includes(reason)),
    )
    .sort((a, b) => b.at.getTime() - a.at.getTime())
}

/** Retries every original job the filter matches and removes its DLQ entry. */
export async function replayDeadLetters(queues: Queues, filter: DeadLetterFilter): Promise<ReplayResult> {
  const result: ReplayResult = { replayed: [], missing: [] }
  for (const d of await listDeadLetters(queues, filter)) {
    const original = await queues.get(d.queue as QueueName)?.getJob(d.jobId)
    if (original && (await original.getState()) === 'failed') {
      await original.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })
      result.replayed.push(d.id)
    } else {
      // Gone (failed jobs are kept 14 days) or already re-run some other way: nothing to retry.
      result.missing.push(d.id)
    }
    await queues.deadLetter.remove(d.id)
  }
  return result
}
