// Job name → handler, explicit (principle 11). Handlers are thin: validate, call a module's
// front door, return. Adding a job means adding a line here and, if recurring, a schedule.
import type { Job } from 'bullmq'
import type { AppDeps } from '../src/infra/deps'
import type { QueueName } from '../src/infra/queue'
import { birthdayGiftsJob } from './birthday-gifts'
import { deliverNotificationJob } from './deliver-notification'
import { expirePointsJob } from './expire-points'
import { codeExpiringJob, pointsExpiringJob } from './expiry-notices'
import { requeueNotificationsJob } from './requeue-notifications'
import { expireRedemptionJob } from './expire-redemption'
import {
  pollPosConnectionJob,
  pollPosConnectionsJob,
  reconcilePosJob,
  reencryptPosTokensJob,
  refreshPosTokenJob,
  refreshPosTokensJob,
} from './pos-connections'
import { processInboxEventsJob } from './process-inbox-events'
import { purgeExpired } from './purge-expired'
import { recomputeTiersJob } from './recompute-tiers'
import { rulesBacktest } from './rules-backtest'
import { reconcileLedgerJob } from './reconcile-ledger'
import { rollupLedgerFlowsJob } from './rollup-ledger-flows'
import { rollupProgrammeActivityJob } from './rollup-programme-activity'
import { sweepInboxJob } from './sweep-inbox'
import { sweepRedemptionsJob } from './sweep-redemptions'

export type JobHandler = (deps: AppDeps, data: unknown, job: Job) => Promise<unknown>
export type JobDefinition = { queue: QueueName; handle: JobHandler }

export const jobs: Record<string, JobDefinition> = {
  'purge-expired': { queue: 'maintenance', handle: purgeExpired },
  'expire-points': { queue: 'maintenance', handle: expirePointsJob },
  'birthday-gifts': { queue: 'maintenance', handle: birthdayGiftsJob },
  'rules-backtest': { queue: 'maintenance', handle: rulesBacktest },
  'recompute-tiers': { queue: 'maintenance', handle: recomputeTiersJob },
  'expire-redemption': { queue: 'redemptions', handle: expireRedemptionJob },
  'sweep-redemptions': { queue: 'redemptions', handle: sweepRedemptionsJob },
  'reconcile-ledger': { queue: 'maintenance', handle: reconcileLedgerJob },
  'rollup-ledger-flows': { queue: 'maintenance', handle: rollupLedgerFlowsJob },
  'rollup-programme-activity': { queue: 'maintenance', handle: rollupProgrammeActivityJob },
  'deliver-notification': { queue: 'notifications', handle: deliverNotificationJob },
  'requeue-notifications': { queue: 'notifications', handle: requeueNotificationsJob },
  'notify-code-expiring': { queue: 'notifications', handle: codeExpiringJob },
  'notify-points-expiring': { queue: 'notifications', handle: pointsExpiringJob },
  'refresh-pos-tokens': { queue: 'connections', handle: refreshPosTokensJob },
  'refresh-pos-token': { queue: 'connections', handle: refreshPosTokenJob },
  'poll-pos-connections': { queue: 'connections', handle: pollPosConnectionsJob },
  'poll-pos-connection': { queue: 'connections', handle: pollPosConnectionJob },
  'reconcile-pos': { queue: 'connections', handle: reconcilePosJob },
  'reencrypt-pos-tokens': { queue: 'maintenance', handle: reencryptPosTokensJob },
  'process-pos-webhook': { queue: 'pos-events', handle: processInboxEventsJob },
  'sweep-pos-inbox': { queue: 'pos-events', handle: sweepInboxJob },
}

/** Recurring jobs, upserted on every worker boot (idempotent). */
export const schedules: { queue: QueueName; key: string; job: string; pattern: string }[] = [
  { queue: 'maintenance', key: 'purge-expired-nightly', job: 'purge-expired', pattern: '17 3 * * *' },
  { queue: 'maintenance', key: 'expire-points-hourly', job: 'expire-points', pattern: '23 * * * *' },
  { queue: 'maintenance', key: 'birthday-gifts-hourly', job: 'birthday-gifts', pattern: '5 * * * *' },
  { queue: 'notifications', key: 'requeue-notifications-minutely', job: 'requeue-notifications', pattern: '* * * * *' },
  // Hourly so every time zone's 10 o'clock is seen; each shop is handled once a day.
  {
    queue: 'notifications',
    key: 'notify-points-expiring-hourly',
    job: 'notify-points-expiring',
    pattern: '11 * * * *',
  },
  { queue: 'redemptions', key: 'sweep-redemptions-minutely', job: 'sweep-redemptions', pattern: '* * * * *' },
  { queue: 'maintenance', key: 'recompute-tiers-nightly', job: 'recompute-tiers', pattern: '11 4 * * *' },
  { queue: 'maintenance', key: 'reconcile-ledger-nightly', job: 'reconcile-ledger', pattern: '41 2 * * *' },
  { queue: 'maintenance', key: 'rollup-ledger-flows', job: 'rollup-ledger-flows', pattern: '*/5 * * * *' },
  {
    queue: 'maintenance',
    key: 'rollup-programme-activity',
    job: 'rollup-programme-activity',
    pattern: '2-59/5 * * * *',
  },
  { queue: 'connections', key: 'refresh-pos-tokens-hourly', job: 'refresh-pos-tokens', pattern: '7 * * * *' },
  // Six-field cron (seconds first): a 30 s tick; each connection's own interval is POS_POLL_INTERVAL_S.
  { queue: 'connections', key: 'poll-pos-connections', job: 'poll-pos-connections', pattern: '*/30 * * * * *' },
  { queue: 'connections', key: 'reconcile-pos-nightly', job: 'reconcile-pos', pattern: '23 3 * * *' },
  // Weekly sweep so rows sealed under a retired key are rewritten without anyone remembering.
  { queue: 'maintenance', key: 'reencrypt-pos-tokens-weekly', job: 'reencrypt-pos-tokens', pattern: '51 4 * * 0' },
  // Every 15 s: inbox events whose enqueue was lost (Redis down at receipt) are queued again.
  { queue: 'pos-events', key: 'sweep-pos-inbox', job: 'sweep-pos-inbox', pattern: '*/15 * * * * *' },
]
