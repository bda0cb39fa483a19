// ROLE=all during a rush (ADR 0019): processing gives way to the acknowledgements but never
// stops. Sales sent while this process is acknowledging thousands of deliveries a second still
// reach their wallets, and the queue is back at full concurrency once the rush eases.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import { type WorkerRuntime, startWorkers } from '../../../jobs/worker'
import { receiptRate } from '../../../src/pos/ingest'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeTenant } from '../../helpers/identities'
import { balanceOf, linkMerchant, squarePayment, waitFor, webhookSecrets } from './harness'

// Registered before useTestApp: the workers stop before the test database is dropped.
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp(webhookSecrets)
let workers: WorkerRuntime | undefined
let tenantId = ''

beforeAll(async () => {
  const t = getApp()
  tenantId = (await makeTenant(t.deps)).id
  await linkMerchant(t.deps, tenantId, 'square', 'MRUSH0001')
  workers = await startWorkers(t.deps)
}, 60_000)

test('sales acknowledged during a rush are still credited while it lasts', async () => {
  const { request, deps } = getApp()
  // Another 5,000 deliveries a second, as the rest of the platform's shops would send them.
  const rush = setInterval(() => receiptRate.note(performance.now(), 500), 100)
  try {
    await Bun.sleep(300)
    expect(receiptRate.perSecond(performance.now())).toBeGreaterThan(1_000)
    for (let i = 0; i < 20; i++) {
      const body = squarePayment({
        merchantId: 'MRUSH0001',
        eventId: `evt-rush-${i}`,
        paymentId: `pay-rush-${i}`,
        total: 1_000,
        email: `rush${i % 4}@example.com`,
      })
      const res = await request('/webhooks/square', {
        method: 'POST',
        body,
        headers: squareWebhookHeaders(
          body,
          webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY,
          webhookSecrets.SQUARE_WEBHOOK_URL,
        ),
      })
      expect(res.status).toBe(200)
    }
    // 20 sales of $10 over 4 guests: 5 sales each, credited while the rush goes on.
    for (let g = 0; g < 4; g++)
      expect(
        await waitFor(
          () => balanceOf(deps, tenantId, `rush${g}@example.com`),
          (b) => b === 50,
          20_000,
        ),
      ).toBe(50)
  } finally {
    clearInterval(rush)
  }
}, 40_000)
