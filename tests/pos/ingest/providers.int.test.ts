// Done-when: each provider's webhook, signed exactly as that provider signs it (the fakes'
// own senders, over real HTTP), credits the right wallet; a bad signature changes nothing.
// Processing runs on the real in-process workers, so this covers receipt → enqueue after
// commit → job → ledger.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { type WorkerRuntime, startWorkers } from '../../../jobs/worker'
import { makeTenant } from '../../helpers/identities'
import { useTestApp } from '../../helpers/app'
import { startCloverFake, startLightspeedFake, startShopifyFake, startSquareFake, startToastFake } from '../../fakes'
import { readFixture, toastFixtureAt } from '../fixtures'
import { balanceOf, inboxRows, linkMerchant, transactionsOf, waitFor, webhookSecrets } from './harness'

const square = startSquareFake({ signatureKey: webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY })
const clover = startCloverFake({ authCode: webhookSecrets.CLOVER_WEBHOOK_AUTH_CODE })
const shopify = startShopifyFake({ apiSecret: webhookSecrets.SHOPIFY_API_SECRET })
const lightspeed = startLightspeedFake({ clientSecret: webhookSecrets.LIGHTSPEED_CLIENT_SECRET })
const toast = startToastFake({
  webhookSecret: webhookSecrets.TOAST_WEBHOOK_SECRET,
  restaurants: ['0cd990c9-fd74-461d-8468-de2a0919ccbb'],
})

// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp({
  ...webhookSecrets,
  CLOVER_API_BASE_URL: clover.url,
  TOAST_API_BASE_URL: toast.url,
  TOAST_CLIENT_ID: toast.clientId,
  TOAST_CLIENT_SECRET: toast.clientSecret,
})

let base = ''
let server: { stop(): unknown } | undefined
let workers: WorkerRuntime | undefined
const tenants: Record<string, string> = {}

beforeAll(async () => {
  const t = getApp()
  const listening = t.app.listen({ port: 0, hostname: '127.0.0.1' })
  server = listening
  base = `http://127.0.0.1:${listening.server!.port}`
  workers = await startWorkers(t.deps)
  for (const p of ['square', 'clover', 'shopify', 'lightspeed', 'toast'])
    tenants[p] = (await makeTenant(t.deps, { currency: p === 'lightspeed' ? 'NZD' : 'USD' })).id
  await linkMerchant(t.deps, tenants.square!, 'square', square.merchantId)
  await linkMerchant(t.deps, tenants.clover!, 'clover', 'XYZVJT2ZRRRSC', clover.accessToken)
  await linkMerchant(t.deps, tenants.shopify!, 'shopify', shopify.shop)
  await linkMerchant(t.deps, tenants.lightspeed!, 'lightspeed', lightspeed.retailerId)
  await linkMerchant(t.deps, tenants.toast!, 'toast', '0cd990c9-fd74-461d-8468-de2a0919ccbb')
  // What the provider's REST API answers when a notice or a redacted phone needs details.
  clover.putOrder('XYZVJT2ZRRRSC', JSON.parse(readFixture('clover', 'order-paid.json')))
  clover.putCustomer('XYZVJT2ZRRRSC', JSON.parse(readFixture('clover', 'customer.json')))
  const order = JSON.parse(readFixture('toast', 'order-paid.json')).details.order
  order.checks[0].customer.phone = '+15555550199'
  toast.putOrder('0cd990c9-fd74-461d-8468-de2a0919ccbb', order)
}, 60_000)

afterAll(async () => {
  server?.stop()
  for (const f of [square, clover, shopify, lightspeed, toast]) await f.stop()
})

const url = (p: string) => `${base}/webhooks/${p}`

/** Sends a bad delivery and checks that it was refused and stored nothing. */
async function refusedWithoutEffect(send: () => Promise<Response>) {
  const before = (await inboxRows(getApp().deps)).length
  const res = await send()
  expect(res.status).toBe(401)
  expect((await res.json()).error.code).toBe('unauthorized')
  expect((await inboxRows(getApp().deps)).length).toBe(before)
}

async function awarded(provider: string) {
  const rows = await waitFor(
    () => transactionsOf(getApp().deps, tenants[provider]!),
    (r) => r.some((t) => t.state === 'awarded'),
  )
  return rows.find((t) => t.state === 'awarded')!
}

describe('each provider credits the right wallet', () => {
  test('square: URL + body HMAC (signed for the registered URL, received behind a proxy)', async () => {
    const payload = readFixture('square', 'payment-completed.json')
    await refusedWithoutEffect(() =>
      square.sendWebhook(url('square'), payload, {
        notificationUrl: webhookSecrets.SQUARE_WEBHOOK_URL,
        signatureKey: 'wrong-key',
      }),
    )
    await refusedWithoutEffect(() => square.sendWebhook(url('square'), payload)) // signed for the wrong URL
    const res = await square.sendWebhook(url('square'), payload, { notificationUrl: webhookSecrets.SQUARE_WEBHOOK_URL })
    expect(res.status).toBe(200)
    const txn = await awarded('square')
    expect(txn.pointsAwarded).toBeGreaterThan(0)
    expect(txn.ruleVersionId).toBeTruthy()
    expect(txn.explanation).toContain('pts')
    // Linked by an admin without OAuth: no token, yet the email on the payment earned.
    expect(await balanceOf(getApp().deps, tenants.square!, 'jane@example.com')).toBe(txn.pointsAwarded)
  })

  test('clover: X-Clover-Auth notice, details fetched with the connection token', async () => {
    const body = readFixture('clover', 'notice.json')
    await refusedWithoutEffect(() => clover.sendWebhook(url('clover'), body, { authCode: 'wrong' }))
    await refusedWithoutEffect(() => clover.sendWebhook(url('clover'), body, { authCode: null }))
    expect((await clover.sendWebhook(url('clover'), body)).status).toBe(200)
    const txn = await awarded('clover')
    expect(txn.totalMinor).toBe(1550) // the order's 13.50 plus the 2.00 tip on its payment
    // Identity came from the Customer record fetched over the API, by phone first.
    expect(await balanceOf(getApp().deps, tenants.clover!, '+15555550123')).toBe(txn.pointsAwarded)
  })

  test('shopify: body HMAC in X-Shopify-Hmac-Sha256, shop domain names the tenant', async () => {
    const payload = readFixture('shopify', 'order-paid.json')
    await refusedWithoutEffect(() => shopify.sendWebhook(url('shopify'), payload, { apiSecret: 'wrong' }))
    expect((await shopify.sendWebhook(url('shopify'), payload)).status).toBe(200)
    const txn = await awarded('shopify')
    expect(await balanceOf(getApp().deps, tenants.shopify!, '+15555550123')).toBe(txn.pointsAwarded)
  })

  test('lightspeed: form body with X-Signature', async () => {
    const { payload } = JSON.parse(readFixture('lightspeed', 'sale-closed.json')) as { payload: unknown }
    await refusedWithoutEffect(() => lightspeed.sendWebhook(url('lightspeed'), payload, { clientSecret: 'wrong' }))
    expect((await lightspeed.sendWebhook(url('lightspeed'), payload)).status).toBe(200)
    const txn = await awarded('lightspeed')
    expect(txn.currency).toBe('NZD')
    expect(txn.pointsAwarded).toBeGreaterThan(0)
    expect(await balanceOf(getApp().deps, tenants.lightspeed!, 'jane@example.com')).toBe(txn.pointsAwarded)
  })

  test('toast: body + timestamp HMAC; the redacted phone is fetched with the partner token', async () => {
    const payload = toastFixtureAt('order-paid.json', new Date())
    await refusedWithoutEffect(() => toast.sendWebhook(url('toast'), payload, { webhookSecret: 'wrong' }))
    expect((await toast.sendWebhook(url('toast'), payload)).status).toBe(200)
    const txn = await awarded('toast')
    expect(await balanceOf(getApp().deps, tenants.toast!, '+15555550199')).toBe(txn.pointsAwarded)
  })

  test('toast: a genuinely signed delivery stamped more than five minutes away (past or future) is 401', async () => {
    const minutes = (m: number) => new Date(Date.now() + m * 60_000)
    await refusedWithoutEffect(() => toast.sendWebhook(url('toast'), toastFixtureAt('order-open.json', minutes(-6))))
    await refusedWithoutEffect(() => toast.sendWebhook(url('toast'), toastFixtureAt('order-open.json', minutes(6))))
    // The same bytes signed now are accepted: the refusal was the timestamp, not the signature.
    expect((await toast.sendWebhook(url('toast'), toastFixtureAt('order-open.json', minutes(-4)))).status).toBe(200)
  })

  test('the same person in another shop is a different wallet: nothing leaked across tenants', async () => {
    // jane@example.com exists in several tenants now; each wallet holds only its own shop's award.
    for (const p of ['square', 'lightspeed']) {
      const [txn] = (await transactionsOf(getApp().deps, tenants[p]!)).filter((t) => t.state === 'awarded')
      expect(await balanceOf(getApp().deps, tenants[p]!, 'jane@example.com')).toBe(txn!.pointsAwarded)
    }
  })
})
