// Job name → handler, explicit (principle 11). Handlers are thin: validate, call a module's
// front door, return. Adding a job means adding a line here and, if recurring, a schedule.
import type { Job } from 'bullmq'
import type { AppDeps } from '../src/infra/deps'
import type { QueueName } from '../src/infra/queue'
import { deliverNotificationJob } from './deliver-notification'
import { expireRedemptionJob } from './expire-redemption'
import { purgeExpired } from './purge-expired'
import { rulesBacktest } from './rules-backtest'
import { reconcileLedgerJob } from './reconcile-ledger'
import { sweepRedemptionsJob } from './sweep-redemptions'

export type JobHandler = (deps: AppDeps, data: unknown, job: Job) => Promise<unknown>
export type JobDefinition = { queue: QueueName; handle: JobHandler }

export const jobs: Record<string, JobDefinition> = {
  'purge-expired': { queue: 'maintenance', handle: purgeExpired },
  'rules-backtest': { queue: 'maintenance', handle: rulesBacktest },
  'expire-redemption': { queue: 'redemptions', handle: expireRedemptionJob },
  'sweep-redemptions': { queue: 'redemptions', handle: sweepRedemptionsJob },
  'reconcile-ledger': { queue: 'maintenance', handle: reconcileLedgerJob },
  'deliver-notification': { queue: 'notifications', handle: deliverNotificationJob },
}

/** Recurring jobs, upserted on every worker boot (idempotent). */
export const schedules: { queue: QueueName; key: string; job: string; pattern: string }[] = [
  { queue: 'maintenance', key: 'purge-expired-nightly', job: 'purge-expired', pattern: '17 3 * * *' },
  { queue: 'redemptions', key: 'sweep-redemptions-minutely', job: 'sweep-redemptions', pattern: '* * * * *' },
  { queue: 'maintenance', key: 'reconcile-ledger-nightly', job: 'reconcile-ledger', pattern: '41 2 * * *' },
]
