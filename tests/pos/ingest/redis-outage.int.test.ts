// Done-when (reliability-tests W6): Redis cut during receipt → every webhook still gets 200
// quickly (the inbox row is the acknowledgement), and once Redis is back the sweeper hands the
// rows to the workers and every event is processed exactly once. Redis is cut for this app
// only, through a TCP proxy, so other test files keep theirs.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import { type WorkerRuntime, startWorkers } from '../../../jobs/worker'
import { sweepInbox } from '../../../src/pos/ingest'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeTenant } from '../../helpers/identities'
import { tcpProxy } from '../../helpers/tcp-proxy'
import { inboxRows, linkMerchant, posEffects, squarePayment, waitFor, webhookSecrets } from './harness'

const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
const proxy = tcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) })
const getApp = useTestApp({ ...webhookSecrets, REDIS_URL: `redis://127.0.0.1:${proxy.port}${redisUrl.pathname}` })
const MERCHANT = 'MREDIS0001'
const EVENTS = 20
let workers: WorkerRuntime | undefined

beforeAll(async () => {
  const t = getApp()
  await linkMerchant(t.deps, (await makeTenant(t.deps)).id, 'square', MERCHANT)
  workers = await startWorkers(t.deps)
}, 60_000)
afterAll(async () => {
  proxy.start()
  await workers?.close()
  proxy.close()
}, 30_000)

test('receipt survives a Redis outage and the sweeper catches up after it', async () => {
  const t = getApp()
  proxy.stop()
  const slowest: number[] = []
  for (let i = 0; i < EVENTS; i++) {
    const body = squarePayment({
      merchantId: MERCHANT,
      eventId: `outage-${i}`,
      paymentId: `outage-pay-${i}`,
      total: 1_000,
      email: `o${i}@example.com`,
    })
    const started = performance.now()
    const res = await t.request('/webhooks/square', {
      method: 'POST',
      headers: squareWebhookHeaders(
        body,
        webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY,
        webhookSecrets.SQUARE_WEBHOOK_URL,
      ),
      body,
    })
    slowest.push(performance.now() - started)
    expect(res.status).toBe(200)
  }
  // The ack never waits on the enqueue (it runs after the answer). What remains is the rate
  // limiter's own fail-open timeout, well inside every provider's deadline (Shopify's 5 s).
  expect(Math.max(...slowest)).toBeLessThan(2_500)
  const rows = await inboxRows(t.deps)
  expect(rows.length).toBe(EVENTS)
  expect(rows.every((r) => r.status === 'received')).toBe(true)
  expect(await posEffects(t.deps)).toBe(0)

  proxy.start()
  // Redis is back: the scheduled sweep (every 15 s) would do this; run it now instead of waiting.
  await waitFor(
    () =>
      t.deps.redis.ping().then(
        () => true,
        () => false,
      ),
    Boolean,
    15_000,
  )
  await sweepInbox(t.deps, { graceMs: 0 })
  await waitFor(
    () => posEffects(t.deps),
    (n) => n >= EVENTS,
    30_000,
  )
  await waitFor(async () => (await inboxRows(t.deps)).every((r) => r.status === 'processed'), Boolean, 10_000)
  expect(await posEffects(t.deps)).toBe(EVENTS)
}, 60_000)
