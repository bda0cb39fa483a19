// Two of everything (issue: operations): production runs two worker machines on one Redis.
// Two real worker processes share the queues; every recurring job still runs once per tick of
// its schedule, and every delivered sale is processed once, whichever worker takes it.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { schedules } from '../../jobs/registry'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { makeTenant } from '../helpers/identities'
import { type ServerProcess, startServer } from '../helpers/process'
import {
  balanceOf,
  inboxRows,
  linkMerchant,
  posEffects,
  squarePayment,
  waitFor,
  webhookSecrets,
} from '../pos/ingest/harness'

const workers: ServerProcess[] = []
// Registered before useTestApp (bun runs afterAll hooks in order): the workers stop while their
// database and Redis keys still exist, and a graceful stop (active jobs finish) gets 30 s.
afterAll(async () => {
  for (const w of workers) w.proc.kill('SIGTERM')
  await Promise.all(workers.map((w) => w.exited))
}, 30_000)
const getApp = useTestApp(webhookSecrets)
const MERCHANT = 'MTWOWORKERS1'
const SALES = 40
let tenantId = ''

/** The most frequent recurring job (six-field cron with a seconds step), so the test sees several ticks. */
const fastest = schedules
  .map((s) => ({ ...s, stepS: Number(/^\*\/(\d+) \* \* \* \* \*$/.exec(s.pattern)?.[1] ?? Number.NaN) }))
  .filter((s) => Number.isFinite(s.stepS))
  .sort((a, b) => a.stepS - b.stepS)[0]!

/** Ids of the jobs of this name a worker reports it finished (its JSON log lines). */
const doneJobs = (w: ServerProcess, job: string) =>
  w
    .output()
    .split('\n')
    .filter((l) => l.includes('"msg":"job done"') && l.includes(`"job":"${job}"`))
    .map((l) => /"jobId":"([^"]+)"/.exec(l)?.[1] ?? '')
const doneLines = (w: ServerProcess, job: string) => doneJobs(w, job).length

beforeAll(async () => {
  const t = getApp()
  tenantId = (await makeTenant(t.deps)).id
  await linkMerchant(t.deps, tenantId, 'square', MERCHANT)
  const env = {
    APP_ENV: 'test',
    ROLE: 'worker',
    DATABASE_URL: t.config.DATABASE_URL!,
    REDIS_PREFIX: t.deps.queues.prefix,
    LOG_LEVEL: 'debug',
  }
  for (let i = 0; i < 2; i++) workers.push(await startServer(env))
  for (const w of workers) await waitFor(async () => w.output().includes('workers started'), Boolean, 15_000)
}, 60_000)

describe('two worker processes on one queue', () => {
  test('every delivered sale is processed exactly once', async () => {
    const t = getApp()
    const sends = Array.from({ length: SALES }, (_, i) => {
      const body = squarePayment({
        merchantId: MERCHANT,
        eventId: `two-${i}`,
        paymentId: `two-pay-${i}`,
        total: 1_000 + i * 100,
        email: 'twin@example.com',
      })
      return t.request('/webhooks/square', {
        method: 'POST',
        headers: squareWebhookHeaders(
          body,
          webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY,
          webhookSecrets.SQUARE_WEBHOOK_URL,
        ),
        body,
      })
    })
    expect((await Promise.all(sends)).map((r) => r.status)).toEqual(Array(SALES).fill(200))

    await waitFor(
      () => posEffects(t.deps),
      (n) => n >= SALES,
      30_000,
    )
    await waitFor(
      async () => (await inboxRows(t.deps)).filter((r) => r.status !== 'processed').length,
      (n) => n === 0,
      10_000,
    )
    // 10 + 11 + … + 49 points: each sale counted once.
    const expected = Array.from({ length: SALES }, (_, i) => 10 + i).reduce((a, b) => a + b, 0)
    expect(await balanceOf(t.deps, tenantId, 'twin@example.com')).toBe(expected)
    expect(await posEffects(t.deps)).toBe(SALES)
    // Sales are handed over in batches (ADR 0019); whichever worker took a batch, no batch ran twice.
    const batches = [...doneJobs(workers[0]!, 'process-pos-webhook'), ...doneJobs(workers[1]!, 'process-pos-webhook')]
    expect(batches.length).toBeGreaterThan(0)
    expect(new Set(batches).size).toBe(batches.length)
  }, 60_000)

  test(`the recurring ${fastest.job} job runs once per ${fastest.stepS} s tick, not once per worker`, async () => {
    const queue = getApp().deps.queues.get(fastest.queue)
    const runs = async () => (await queue.getJobs(['completed'])).filter((j) => j.name === fastest.job)
    const done = await waitFor(runs, (js) => js.length >= 3, (fastest.stepS * 4 + 10) * 1000)
    const ticks = done.map((j) => Number(/:(\d+)$/.exec(j.id ?? '')?.[1])).sort((a, b) => a - b)
    // One job per tick, each tick exactly one step after the previous one.
    expect(new Set(ticks).size).toBe(ticks.length)
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBe(fastest.stepS * 1000)
    // And the two processes between them ran it exactly as often as it was scheduled.
    const ranIn = workers.map((w) => doneLines(w, fastest.job))
    expect(ranIn[0]! + ranIn[1]!).toBe((await runs()).length)
  }, 90_000)
})
