// Issue 10.1 end to end through the real processes' path: the Square fake signs and POSTs its
// webhooks to the listening app, the real BullMQ workers process them, and the consumer signs in
// over HTTP at the same moment. Each round ends with one wallet holding every point, one member.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { type WorkerRuntime, startWorkers } from '../../../jobs/worker'
import { asSystem } from '../../../src/infra/scope'
import { members } from '../../../src/members'
import { startSquareFake } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { listen } from '../../helpers/browser'
import { makeTenant } from '../../helpers/identities'
import { inboxRows, linkMerchant, squarePayment, waitFor, webhookSecrets } from './harness'

const square = startSquareFake()
// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp({ ...webhookSecrets, RATE_LIMIT_SIGNIN_PER_IP: '10000' })
let workers: WorkerRuntime | undefined
let srv: { base: string; stop(): unknown }

beforeAll(async () => {
  srv = listen(getApp().app)
  workers = await startWorkers(getApp().deps)
}, 60_000)
afterAll(async () => {
  srv?.stop()
  await square.stop()
})

const post = (path: string, body: unknown) =>
  fetch(`${srv.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('sign-in racing webhooks processed by the real workers', () => {
  test('10 rounds: the consumer sees one wallet with both sales, held by one member', async () => {
    for (let round = 0; round < 10; round++) {
      const t = getApp()
      const tenant = await makeTenant(t.deps)
      const merchantId = `M-W${round}-${crypto.randomUUID().slice(0, 6)}`
      await linkMerchant(t.deps, tenant.id, 'square', merchantId)
      const email = `worker-race-${round}-${crypto.randomUUID().slice(0, 6)}@example.com`
      expect((await post('/api/v1/auth/otp', { destination: email })).status).toBe(202)
      const outbox = (await (await fetch(`${srv.base}/dev/outbox.json`)).json()) as { to: string; body: string }[]
      const code = /\b(\d{6})\b/.exec(outbox.find((m) => m.to === email)!.body)![1]!

      const send = (n: number, total: number) =>
        square.sendWebhook(
          `${srv.base}/webhooks/square`,
          squarePayment({
            merchantId,
            eventId: `evt-${merchantId}-${n}`,
            paymentId: `pay-${merchantId}-${n}`,
            total,
            email,
          }),
          {
            signatureKey: webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY,
            notificationUrl: webhookSecrets.SQUARE_WEBHOOK_URL,
          },
        )
      const [signedIn, a, b] = await Promise.all([
        post('/api/v1/auth/verify', { destination: email, code }),
        send(1, 2_000),
        send(2, 700),
      ])
      expect([signedIn.status, a.status, b.status]).toEqual([200, 200, 200])
      const { access_token } = (await signedIn.json()) as { access_token: string }

      await waitFor(
        async () =>
          (await inboxRows(t.deps)).filter((r) => r.tenantId === tenant.id && r.status === 'processed').length,
        (n) => n === 2,
        30_000,
      )
      const wallets = (await (
        await fetch(`${srv.base}/api/v1/consumer/wallets`, { headers: { authorization: `Bearer ${access_token}` } })
      ).json()) as { tenant_id: string; balance: number }[]
      expect(wallets).toEqual([expect.objectContaining({ tenant_id: tenant.id, balance: 27 })])
      const held = await asSystem(t.deps.dbh.db, (tx) =>
        tx.select({ userId: members.userId }).from(members).where(eq(members.email, email)),
      )
      expect(held).toHaveLength(1)
      expect(held[0]!.userId).not.toBeNull()
    }
  }, 240_000)
})
