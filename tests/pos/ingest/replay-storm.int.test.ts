// Done-when (reliability-tests W3): 1,000 distinct events, each delivered 5 times, shuffled and
// concurrent (plus a second "payment.updated" for some payments, as Square sends) → exactly
// 1,000 ledger effects, and every delivery got a 2xx so the provider would stop retrying.
// Concurrency is bounded (32 requests in flight) for a 2-core machine.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import { type WorkerRuntime, startWorkers } from '../../../jobs/worker'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeTenant } from '../../helpers/identities'
import { inboxRows, linkMerchant, posEffects, transactionsOf, waitFor, webhookSecrets } from './harness'

// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp(webhookSecrets)
const EVENTS = 1_000
const COPIES = 5
const MERCHANT = 'MSTORM0001'
let workers: WorkerRuntime | undefined
let tenantId = ''

beforeAll(async () => {
  const t = getApp()
  tenantId = (await makeTenant(t.deps)).id
  await linkMerchant(t.deps, tenantId, 'square', MERCHANT)
  workers = await startWorkers(t.deps)
}, 60_000)
// close() waits for the batches still in flight (a duplicate job from the sweeper, a retry).

function payment(i: number, eventId: string) {
  return JSON.stringify({
    merchant_id: MERCHANT,
    type: 'payment.updated',
    event_id: eventId,
    created_at: '2026-06-02T17:41:09Z',
    data: {
      type: 'payment',
      id: `pay-${i}`,
      object: {
        payment: {
          id: `pay-${i}`,
          created_at: '2026-06-02T17:41:05Z',
          amount_money: { amount: 1000 + i, currency: 'USD' },
          total_money: { amount: 1000 + i, currency: 'USD' },
          status: 'COMPLETED',
          // 50 regulars: concurrent sales for one member contend on the same wallet row.
          buyer_email_address: `regular${i % 50}@example.com`,
        },
      },
    },
  })
}

function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
  }
  return xs
}

async function runBounded<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

test(`${EVENTS} events × ${COPIES} deliveries, shuffled and concurrent → exactly ${EVENTS} effects`, async () => {
  const t = getApp()
  const bodies: string[] = []
  for (let i = 0; i < EVENTS; i++) {
    const body = payment(i, `evt-${i}`)
    for (let c = 0; c < COPIES; c++) bodies.push(body)
    // Every fifth payment is also re-sent as a new event (a repeated update of the same payment).
    if (i % 5 === 0) bodies.push(payment(i, `evt-${i}-again`))
  }
  const statuses = new Map<number, number>()
  const started = performance.now()
  await runBounded(shuffle(bodies), 32, async (body) => {
    const res = await t.request('/webhooks/square', {
      method: 'POST',
      headers: squareWebhookHeaders(
        body,
        webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY,
        webhookSecrets.SQUARE_WEBHOOK_URL,
      ),
      body,
    })
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
  })
  const receiptMs = performance.now() - started
  expect([...statuses.keys()]).toEqual([200])
  // One inbox row per distinct event id, however many times it was delivered.
  expect((await inboxRows(t.deps)).length).toBe(EVENTS + EVENTS / 5)

  await waitFor(
    () => posEffects(t.deps),
    (n) => n >= EVENTS,
    45_000,
  )
  await waitFor(
    async () => (await inboxRows(t.deps)).filter((r) => r.status === 'received').length,
    (n) => n === 0,
    20_000,
  )
  expect(await posEffects(t.deps)).toBe(EVENTS)
  const txns = await transactionsOf(t.deps, tenantId)
  expect(txns.length).toBe(EVENTS)
  expect(txns.every((x) => x.state === 'awarded')).toBe(true)
  expect(txns.reduce((s, x) => s + x.duplicates, 0)).toBe(EVENTS / 5)
  console.log(`storm: ${bodies.length} deliveries acknowledged in ${Math.round(receiptMs)} ms`)
}, 90_000)
