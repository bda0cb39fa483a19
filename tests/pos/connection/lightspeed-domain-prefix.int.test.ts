// Issue 10.3: Lightspeed X-Series deliveries name the retailer by `retailer_id`, by
// `domain_prefix` only, or both (the docs guarantee neither). Connecting over OAuth keeps both
// ids (domain_prefix from the callback, the retailer id from the API), and a delivery in either
// shape reaches the wallet of the shop that connected, whichever shape arrives first, once.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { type WorkerRuntime, startWorkers } from '../../../jobs/worker'
import { asSystem } from '../../../src/infra/scope'
import { posConnections } from '../../../src/pos/pos.schema'
import { useTestApp } from '../../helpers/app'
import { makeCast, makeTenant } from '../../helpers/identities'
import { balanceOf, linkMerchant, posEffects, transactionsOf, waitFor } from '../ingest/harness'
import { connectOverHttp, fakeEnv, startFakes } from './harness'

const fakes = startFakes()
// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp(fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test' }))
let workers: WorkerRuntime | undefined
let server: { stop(): unknown } | undefined
let url = ''
let cast: Awaited<ReturnType<typeof makeCast>>
let otherShop = ''

/** A closed USD sale (the shop's currency) as the webhook's decoded `payload`, bought by `email`. */
function sale(id: string, email: string, version: number) {
  return {
    id,
    version,
    status: 'CLOSED',
    sale_date: '2026-06-02T17:41:05Z',
    customer_id: `cust-${id}`,
    customer: { id: `cust-${id}`, customer_code: `C-${id}`, email },
    total_price: '20',
    total_tax: '3',
    register_sale_payments: [{ id: `pay-${id}`, amount: '23', currency: 'USD', payment_date: '2026-06-02T17:41:05Z' }],
  }
}

const balance = (tenantId: string, email: string) =>
  waitFor(
    () => balanceOf(getApp().deps, tenantId, email),
    (b) => (b ?? 0) > 0,
    15_000,
  )
const settledEffects = (n: number) =>
  waitFor(
    () => posEffects(getApp().deps),
    (c) => c >= n,
    15_000,
  )

beforeAll(async () => {
  const t = getApp()
  const listening = t.app.listen({ port: 0, hostname: '127.0.0.1' })
  server = listening
  url = `http://127.0.0.1:${listening.server!.port}/webhooks/lightspeed`
  workers = await startWorkers(t.deps)
  cast = await makeCast(t.deps)
  await connectOverHttp(t, cast.owner.headers, 'lightspeed', fakes)
  // Another shop on another Lightspeed store: its wallets must never see these sales.
  otherShop = (await makeTenant(t.deps)).id
  await linkMerchant(t.deps, otherShop, 'lightspeed', 'b1e2c3d4-0000-4000-8000-00000000r999')
}, 60_000)
afterAll(async () => {
  server?.stop()
  for (const f of Object.values(fakes)) await f.stop()
})

test('connecting stores the retailer id and the domain_prefix', async () => {
  const [c] = await asSystem(getApp().deps.dbh.db, (tx) =>
    tx.select().from(posConnections).where(eq(posConnections.tenantId, cast.tenant.id)),
  )
  expect(c).toMatchObject({
    externalMerchantId: fakes.lightspeed.retailerId,
    externalAlias: fakes.lightspeed.domainPrefix,
  })
})

test('a delivery that names the retailer_id credits the connected shop', async () => {
  expect((await fakes.lightspeed.sendWebhook(url, sale('ls-with-retailer', 'rita@example.com', 1))).status).toBe(200)
  expect(await balance(cast.tenant.id, 'rita@example.com')).toBeGreaterThan(0)
}, 30_000)

test('a delivery that names only the domain_prefix credits the same shop', async () => {
  expect(
    (await fakes.lightspeed.sendWebhook(url, sale('ls-prefix-only', 'dora@example.com', 1), { retailerId: null }))
      .status,
  ).toBe(200)
  expect(await balance(cast.tenant.id, 'dora@example.com')).toBeGreaterThan(0)
  expect(await balanceOf(getApp().deps, otherShop, 'dora@example.com')).toBeNull()
}, 30_000)

test('the same sale in both shapes, prefix-only first, is awarded once', async () => {
  const before = await posEffects(getApp().deps)
  const s = sale('ls-both-shapes', 'bea@example.com', 7)
  expect((await fakes.lightspeed.sendWebhook(url, s, { retailerId: null })).status).toBe(200)
  expect((await fakes.lightspeed.sendWebhook(url, s)).status).toBe(200)
  const points = await balance(cast.tenant.id, 'bea@example.com')
  await settledEffects(before + 1)
  // A later version of the sale in the other shape changes nothing either.
  expect((await fakes.lightspeed.sendWebhook(url, { ...s, version: 8 }, { retailerId: null })).status).toBe(200)
  await waitFor(
    () => transactionsOf(getApp().deps, cast.tenant.id),
    (rows) => rows.find((r) => r.providerTransactionId === 'ls-both-shapes')?.duplicates === 1,
    15_000,
  )
  expect(await posEffects(getApp().deps)).toBe(before + 1)
  expect(await balanceOf(getApp().deps, cast.tenant.id, 'bea@example.com')).toBe(points)
  expect(await balanceOf(getApp().deps, otherShop, 'bea@example.com')).toBeNull()
}, 30_000)
