// Done-when (reliability-tests Q1): a worker process killed with SIGKILL in the middle of a
// job (inside the processing transaction, about to write the ledger) → after a restart the
// event is processed exactly once, both by the sweeper's fresh job and when BullMQ later
// recovers the stalled original. The job is held mid-flight deterministically: the test
// locks the member's wallet row, so the worker blocks on its ledger write until killed.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import { inTenant } from '../../../src/infra/scope'
import { ensureWallet } from '../../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../../src/members'
import { sweepInbox } from '../../../src/pos/ingest'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { adminSql } from '../../helpers/db'
import { makeTenant } from '../../helpers/identities'
import { type ServerProcess, startServer } from '../../helpers/process'
import { balanceOf, inboxRows, linkMerchant, posEffects, squarePayment, waitFor, webhookSecrets } from './harness'

const getApp = useTestApp(webhookSecrets)
const MERCHANT = 'MCRASH0001'
let tenantId = ''
let walletId = ''
let worker: ServerProcess | undefined

const workerEnv = () => ({
  APP_ENV: 'test',
  ROLE: 'worker',
  DATABASE_URL: getApp().config.DATABASE_URL!,
  REDIS_PREFIX: getApp().deps.queues.prefix,
  LOG_LEVEL: 'warn',
})

async function startWorker(): Promise<ServerProcess> {
  const w = await startServer({ ...workerEnv(), LOG_LEVEL: 'info' })
  await waitFor(async () => w.output().includes('workers started'), Boolean, 15_000)
  return w
}

beforeAll(async () => {
  const t = getApp()
  tenantId = (await makeTenant(t.deps)).id
  await linkMerchant(t.deps, tenantId, 'square', MERCHANT)
  const scope = { tenantId }
  walletId = await inTenant(
    t.deps.dbh.db,
    scope,
    async (tx) =>
      (await ensureWallet(tx, scope, (await findOrCreateMemberByIdentity(tx, scope, { email: 'kim@example.com' })).id))
        .id,
  )
}, 60_000)
afterAll(async () => {
  worker?.proc.kill('SIGKILL')
})

test('SIGKILL mid-job, restart: the event is processed exactly once', async () => {
  const t = getApp()
  const dbName = new URL(t.config.DATABASE_URL!).pathname.slice(1)
  const admin = adminSql(dbName)
  const lockConn = adminSql(dbName)
  const holder = await lockConn.reserve()
  await holder`begin`
  await holder`select id from wallets where id = ${walletId} for update`

  worker = await startWorker()
  const body = squarePayment({
    merchantId: MERCHANT,
    eventId: 'crash-1',
    paymentId: 'crash-pay-1',
    total: 4_200,
    email: 'kim@example.com',
  })
  const res = await t.request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)

  // The worker is now inside the job's transaction, waiting on the wallet lock.
  await waitFor(
    async () =>
      (
        await admin`select count(*)::int as n from pg_stat_activity where datname = ${dbName} and wait_event_type = 'Lock'`
      )[0]!.n as number,
    (n) => n > 0,
    15_000,
  )
  worker.proc.kill('SIGKILL')
  await worker.exited
  await holder`rollback`
  holder.release()
  // The dead worker's transaction rolls back with its connection: nothing was written.
  await waitFor(
    async () =>
      (
        await admin`select count(*)::int as n from pg_stat_activity where datname = ${dbName} and wait_event_type = 'Lock'`
      )[0]!.n as number,
    (n) => n === 0,
    15_000,
  )
  expect(await posEffects(t.deps)).toBe(0)

  worker = await startWorker()
  // The row is still "received": the sweeper gives it a fresh job for the restarted worker.
  await sweepInbox(t.deps, { graceMs: 0 })
  await waitFor(
    () => posEffects(t.deps),
    (n) => n >= 1,
    20_000,
  )
  expect(await balanceOf(t.deps, tenantId, 'kim@example.com')).toBe(42)

  // BullMQ also recovers the original, stalled job once its lock expires (≤ lockDuration +
  // stalledInterval); it must find the work done.
  const queue = t.deps.queues.get('pos-events')
  const [row] = await inboxRows(t.deps)
  await waitFor(
    async () => (await queue.getJob(`pos-event-${row!.id}-a0`))?.getState(),
    (s) => s === 'completed',
    75_000,
  )
  expect(await posEffects(t.deps)).toBe(1)
  expect(await balanceOf(t.deps, tenantId, 'kim@example.com')).toBe(42)
  const [final] = await inboxRows(t.deps)
  expect(final!.status).toBe('processed')
  await admin.end()
  await lockConn.end()
}, 150_000)
