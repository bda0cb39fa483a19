// Done-when: with webhooks switched off, sales still reach wallets through polling, and when
// webhooks come back the same sales are not awarded twice (either order). Real workers run the
// ingestion job, so this covers poll → inbox → job → identity → rules → ledger.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { type WorkerRuntime, startWorkers } from '../../../jobs/worker'
import { asSystem } from '../../../src/infra/scope'
import { pollConnection } from '../../../src/pos/connection'
import { posConnections } from '../../../src/pos/pos.schema'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { balanceOf, inboxRows, posEffects, squarePayment, waitFor, webhookSecrets } from '../ingest/harness'
import { connectOverHttp, fakeEnv, startFakes } from './harness'

const fakes = startFakes({ pageSize: 2 })
// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp(fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test', ...webhookSecrets }))
let workers: WorkerRuntime | undefined
let base = ''
let server: { stop(): unknown } | undefined
let cast: Awaited<ReturnType<typeof makeCast>>
let connectionId = ''

/** A COMPLETED payment as ListPayments returns it (the webhook's data.object.payment). */
function listed(id: string, total: number, email: string) {
  const payment = JSON.parse(
    squarePayment({ merchantId: fakes.square.merchantId, eventId: 'x', paymentId: id, total, email }),
  ).data.object.payment
  return { ...payment, updated_at: new Date().toISOString() }
}

const sendWebhook = (paymentId: string, total: number, email: string, eventId: string) =>
  fakes.square.sendWebhook(
    `${base}/webhooks/square`,
    squarePayment({ merchantId: fakes.square.merchantId, eventId, paymentId, total, email }),
    { notificationUrl: webhookSecrets.SQUARE_WEBHOOK_URL },
  )

const settled = async () =>
  waitFor(
    () => inboxRows(getApp().deps),
    (rows) => rows.length > 0 && rows.every((r) => r.status !== 'received'),
    15_000,
  )

beforeAll(async () => {
  const t = getApp()
  const listening = t.app.listen({ port: 0, hostname: '127.0.0.1' })
  server = listening
  base = `http://127.0.0.1:${listening.server!.port}`
  workers = await startWorkers(t.deps)
  cast = await makeCast(t.deps)
  await connectOverHttp(t, cast.owner.headers, 'square', fakes)
  connectionId = (await asSystem(t.deps.dbh.db, (tx) => tx.select().from(posConnections)))[0]!.id
}, 60_000)
afterAll(async () => {
  server?.stop()
  for (const f of Object.values(fakes)) await f.stop()
})

describe('webhooks off → polling → wallets', () => {
  test('three sales the webhook never delivered are found by polling and credited once', async () => {
    const t = getApp()
    fakes.square.listed.push(
      listed('pay-a', 1999, 'ann@example.com'),
      listed('pay-b', 2500, 'bob@example.com'),
      listed('pay-c', 1000, 'cat@example.com'),
    )
    const out = await pollConnection(t.deps, connectionId)
    expect(out.inserted).toHaveLength(3)
    await settled()
    expect(await posEffects(t.deps)).toBe(3)
    for (const email of ['ann@example.com', 'bob@example.com', 'cat@example.com'])
      expect(await balanceOf(t.deps, cast.tenant.id, email)).toBeGreaterThan(0)
  }, 30_000)

  test('webhooks come back and redeliver a polled sale: no second award', async () => {
    const t = getApp()
    const before = await balanceOf(t.deps, cast.tenant.id, 'ann@example.com')
    const r = await sendWebhook('pay-a', 1999, 'ann@example.com', 'evt-late-a')
    expect(r.status).toBe(200)
    await settled()
    expect(await posEffects(t.deps)).toBe(3)
    expect(await balanceOf(t.deps, cast.tenant.id, 'ann@example.com')).toBe(before)
  }, 30_000)

  test('a sale that arrived by webhook first is not awarded again when polling lists it', async () => {
    const t = getApp()
    expect((await sendWebhook('pay-d', 1500, 'dan@example.com', 'evt-d')).status).toBe(200)
    await settled()
    expect(await posEffects(t.deps)).toBe(4)
    const dan = await balanceOf(t.deps, cast.tenant.id, 'dan@example.com')
    fakes.square.listed.push(listed('pay-d', 1500, 'dan@example.com'))
    await asSystem(t.deps.dbh.db, (tx) => tx.update(posConnections).set({ lastPolledAt: null }))
    expect((await pollConnection(t.deps, connectionId)).inserted).toEqual([])
    await settled()
    expect(await posEffects(t.deps)).toBe(4)
    expect(await balanceOf(t.deps, cast.tenant.id, 'dan@example.com')).toBe(dan)
  }, 30_000)
})
