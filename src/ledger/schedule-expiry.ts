// The delayed job that returns an unused code's points. Enqueued after the issuing transaction
// commits; the job id makes a second enqueue (a replayed request) a no-op, and the sweeper
// covers a job Redis lost.
import type { Queues } from '../infra/queue'
import { log } from '../infra/logger'

export const EXPIRE_REDEMPTION_JOB = 'expire-redemption'
export type ExpireRedemptionData = { tenantId: string; redemptionId: string }

export async function scheduleRedemptionExpiry(
  queues: Queues,
  r: { id: string; tenantId: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  const data: ExpireRedemptionData = { tenantId: r.tenantId, redemptionId: r.id }
  try {
    await queues.enqueue('redemptions', EXPIRE_REDEMPTION_JOB, data, {
      jobId: `expire-${r.id}`,
      delay: Math.max(0, r.expiresAt.getTime() - now.getTime()) + 1_000,
    })
  } catch (err) {
    // Not fatal: the code is valid either way and the sweeper returns its points on time.
    log.warn({ err, redemptionId: r.id }, 'could not schedule redemption expiry; sweeper will cover it')
  }
}
