// Retries a notification whose inline delivery failed. The last attempt marks the row failed
// and counts it, so alerts see give-ups and the outbox row records why.
import type { Job } from 'bullmq'
import { z } from 'zod'
import type { AppDeps } from '../src/infra/deps'
import { deliverNotification } from '../src/notify'

const payload = z.object({ id: z.string().min(1) })

export async function deliverNotificationJob(deps: AppDeps, data: unknown, job: Job) {
  const { id } = payload.parse(data)
  const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
  return deliverNotification(deps, id, { final })
}
