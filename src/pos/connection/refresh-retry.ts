// Transient refresh failures are retried with exponential back-off as their own delayed job,
// rather than waiting for the next hourly run: the token may expire before then.
import type { AppDeps } from '../../infra/deps'
import { log } from '../../infra/logger'

export const REFRESH_JOB = 'refresh-pos-token'
const BASE_MS = 60_000
const MAX_MS = 60 * 60_000

/** 1, 2, 4 … minutes, capped at an hour (the daemon's own period). */
export function retryDelayMs(failures: number): number {
  return Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, failures - 1))
}

export async function scheduleRefreshRetry(deps: AppDeps, connectionId: string, failures: number): Promise<void> {
  // The job carries the connection id only, never a token (O6). One pending retry per attempt number.
  await deps.queues
    .enqueue(
      'connections',
      REFRESH_JOB,
      { connectionId },
      { delay: retryDelayMs(failures), jobId: `refresh-retry-${connectionId}-${failures}`, attempts: 1 },
    )
    .catch((e) =>
      log.warn({ err: e, connectionId }, 'could not schedule a token refresh retry; the hourly run will pick it up'),
    )
}
