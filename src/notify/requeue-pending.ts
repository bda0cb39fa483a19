// A message stays `pending` when its first send failed and the retry could not be queued
// (Redis down at that moment). This puts such rows back on the queue; the job id is the
// message id, so a retry already waiting in BullMQ is not duplicated.
import { and, asc, eq, lt } from 'drizzle-orm'
import type { AppDeps } from '../infra/deps'
import { notifications } from './notify.schema'
import { DELIVER_JOB, DELIVERY_ATTEMPTS } from './send-message'

const SETTLE_MS = 2 * 60_000

export async function requeuePendingNotifications(deps: AppDeps): Promise<{ requeued: number }> {
  const cutoff = new Date(deps.clock().getTime() - SETTLE_MS)
  const rows = await deps.dbh.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.status, 'pending'), lt(notifications.createdAt, cutoff)))
    .orderBy(asc(notifications.createdAt))
    .limit(200)
  for (const { id } of rows) {
    await deps.queues.enqueue(
      'notifications',
      DELIVER_JOB,
      { id },
      { jobId: `deliver-${id}`, attempts: DELIVERY_ATTEMPTS, backoff: { type: 'exponential', delay: 1_000 } },
    )
  }
  return { requeued: rows.length }
}
