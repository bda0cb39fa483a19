// Job name → handler, explicit (principle 11). Handlers are thin: validate, call a module's
// front door, return. Adding a job means adding a line here and, if recurring, a schedule.
import type { Job } from 'bullmq'
import type { AppDeps } from '../src/infra/deps'
import type { QueueName } from '../src/infra/queue'
import { purgeExpired } from './purge-expired'

export type JobHandler = (deps: AppDeps, data: unknown, job: Job) => Promise<unknown>
export type JobDefinition = { queue: QueueName; handle: JobHandler }

export const jobs: Record<string, JobDefinition> = {
  'purge-expired': { queue: 'maintenance', handle: purgeExpired },
}

/** Recurring jobs, upserted on every worker boot (idempotent). */
export const schedules: { queue: QueueName; key: string; job: string; pattern: string }[] = [
  { queue: 'maintenance', key: 'purge-expired-nightly', job: 'purge-expired', pattern: '17 3 * * *' },
]
