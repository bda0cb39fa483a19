// Issue 10.8: after DELETE /api/v1/consumer/me no phone or email of that person is left anywhere
// in the database (every table's rows, read as text by the superuser) or in the logs, and the
// books balance exactly as before. Sales arrive through the real webhook route (Square with the
// email, Shopify with the phone in local formats) and the processing job's use case.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type postgres from 'postgres'
import { shopifyOrder } from '../../src/demo/sample-sales'
import { createLogger, setLogger } from '../../src/infra/logger'
import { processInboxEvent } from '../../src/pos/ingest'
import { shopifyWebhookHeaders, squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { adminSql } from '../helpers/db'
import { makeTenant } from '../helpers/identities'
import { inboxRows, linkMerchant, squarePayment, webhookSecrets } from '../pos/ingest/harness'

const getApp = useTestApp({ ...webhookSecrets, RATE_LIMIT_SIGNIN_PER_IP: '10000' })
const EMAIL = 'erin@example.com'
const PHONE = '+14155550142'
const OTHER = 'olga@example.com'
const SHOP_DOMAIN = 'erasure-shop.myshopify.com'

// Everything the app logs during this file, at debug level, through the real redacting logger.
const logLines: string[] = []
let sqlAdmin: postgres.Sql
beforeAll(() => {
  setLogger(createLogger('debug', { write: (s: string) => void logLines.push(s) }))
  sqlAdmin = adminSql(new URL(getApp().config.DATABASE_URL!).pathname.slice(1))
})
afterAll(async () => {
  setLogger(createLogger('warn'))
  await sqlAdmin?.end()
})

/** A phone in any local format: its national digits with up to three separators between each. */
const phoneRegex = '4155550142'.split('').join('[^0-9]{0,3}')

/** Tables (with row counts) whose rows, cast to text, still contain the needle. */
async function tablesContaining(needle: { email?: string; phoneRegex?: string }): Promise<Record<string, number>> {
  const tables = await sqlAdmin<
    { name: string }[]
  >`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`
  const found: Record<string, number> = {}
  for (const { name } of tables) {
    const t = sqlAdmin(name)
    const [row] = needle.email
      ? await sqlAdmin<
          { n: number }[]
        >`select count(*)::int as n from ${t} x where position(${needle.email} in lower(x::text)) > 0`
      : await sqlAdmin<{ n: number }[]>`select count(*)::int as n from ${t} x where x::text ~ ${needle.phoneRegex!}`
    if (row!.n > 0) found[name] = row!.n
  }
  return found
}

async function books() {
  const ledger = await sqlAdmin<
    { wallet_id: string; points: string }[]
  >`select wallet_id, sum(points)::text as points from ledger_entries group by wallet_id order by wallet_id`
  const wallets = await sqlAdmin<
    { id: string; balance: string }[]
  >`select id, balance::text as balance from wallets order by id`
  return { ledger: ledger.map((r) => [r.wallet_id, r.points]), wallets: wallets.map((r) => [r.id, r.balance]) }
}

async function deliverSquare(body: string) {
  const res = await getApp().request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
}

async function deliverShopify(id: number, total: number, customer: { email?: string; phone?: string }) {
  const d = shopifyOrder(SHOP_DOMAIN, id, total, new Date(), customer)
  const res = await getApp().request('/webhooks/shopify', {
    method: 'POST',
    headers: shopifyWebhookHeaders(d.rawBody, SHOP_DOMAIN, {
      apiSecret: webhookSecrets.SHOPIFY_API_SECRET,
      webhookId: `erase-${id}`,
    }),
    body: d.rawBody,
  })
  expect(res.status).toBe(200)
}

async function processWaiting() {
  for (const row of await inboxRows(getApp().deps))
    if (row.status === 'received') await processInboxEvent(getApp().deps, row.id)
}

async function codeTo(to: string) {
  const outbox = (await getApp().json<{ to: string; body: string }[]>('/dev/outbox.json')).body
  return /\b(\d{6})\b/.exec(outbox.find((m) => m.to === to)!.body)![1]!
}

async function signIn(destination: string) {
  const { json } = getApp()
  expect((await json('/api/v1/auth/otp', { method: 'POST', body: { destination } })).status).toBe(202)
  const r = await json<{ access_token: string }>('/api/v1/auth/verify', {
    method: 'POST',
    body: { destination, code: await codeTo(destination) },
  })
  expect(r.status).toBe(200)
  return { authorization: `Bearer ${r.body.access_token}` }
}

describe('right to erasure reaches everything', () => {
  test('sales by webhook, sign-in with both contacts, erase: no trace in any table or log; books unchanged', async () => {
    const t = getApp()
    const cafe = await makeTenant(t.deps, { name: 'Erasure Cafe' })
    const florist = await makeTenant(t.deps, { name: 'Erasure Florist' })
    await linkMerchant(t.deps, cafe.id, 'square', 'M-ERASE')
    await linkMerchant(t.deps, florist.id, 'shopify', SHOP_DOMAIN)

    // Before sign-up: the email at the cafe (two deliveries of one payment, in another case), the
    // phone at the florist in two local formats; and someone else's sale, which must stay.
    await deliverSquare(
      squarePayment({
        merchantId: 'M-ERASE',
        eventId: 'evt-e1',
        paymentId: 'pay-e1',
        total: 2_500,
        email: 'Erin@Example.com',
      }),
    )
    await deliverSquare(
      squarePayment({
        merchantId: 'M-ERASE',
        eventId: 'evt-e1b',
        paymentId: 'pay-e1',
        total: 2_500,
        email: 'Erin@Example.com',
      }),
    )
    await deliverShopify(501, 4_000, { phone: '+1 (415) 555-0142' })
    await deliverSquare(
      squarePayment({ merchantId: 'M-ERASE', eventId: 'evt-o1', paymentId: 'pay-o1', total: 1_000, email: OTHER }),
    )
    await processWaiting()

    const headers = await signIn(EMAIL)
    expect(
      (await t.json('/api/v1/me/contacts', { method: 'POST', headers, body: { destination: PHONE } })).status,
    ).toBe(202)
    expect(
      (
        await t.json('/api/v1/me/contacts/verify', {
          method: 'POST',
          headers,
          body: { destination: PHONE, code: await codeTo(PHONE) },
        })
      ).status,
    ).toBe(200)
    // After sign-up: a sale that links at once, with the phone as a till types it.
    await deliverShopify(502, 1_200, { email: EMAIL, phone: '415.555.0142' })
    await processWaiting()
    const wallets = (
      await t.json<{ wallet_id: string; tenant_name: string; balance: number }[]>('/api/v1/consumer/wallets', {
        headers,
      })
    ).body
    expect(wallets.map((w) => [w.tenant_name, w.balance]).sort()).toEqual([
      ['Erasure Cafe', 25],
      ['Erasure Florist', 52],
    ])
    const cafeWallet = wallets.find((w) => w.tenant_name === 'Erasure Cafe')!
    // A name on the member, as a shop's member import gives one.
    await sqlAdmin`update members set name = 'Erin Erasable' where email = ${EMAIL}`
    const redeemed = await t.json('/api/v1/consumer/redemptions', {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
      body: { wallet_id: cafeWallet.wallet_id, points: 10 },
    })
    expect(redeemed.status).toBe(201)

    // Not a vacuous search: the person is in all of these before erasure.
    expect(Object.keys(await tablesContaining({ email: EMAIL }))).toEqual(
      expect.arrayContaining(['users', 'members', 'pos_transactions', 'webhook_events', 'notifications']),
    )
    expect(Object.keys(await tablesContaining({ phoneRegex }))).toEqual(
      expect.arrayContaining(['users', 'members', 'pos_transactions', 'webhook_events', 'notifications']),
    )
    expect(Object.keys(await tablesContaining({ email: 'erin erasable' }))).toEqual(['members'])
    const before = await books()

    const erased = await t.request('/api/v1/consumer/me', { method: 'DELETE', headers })
    expect(erased.status).toBe(204)

    expect(await tablesContaining({ email: EMAIL })).toEqual({})
    expect(await tablesContaining({ email: 'erin erasable' })).toEqual({})
    expect(await tablesContaining({ phoneRegex })).toEqual({})
    expect(await books()).toEqual(before)
    // Someone else's data is untouched (the search would see it).
    expect(Object.keys(await tablesContaining({ email: OTHER }))).toEqual(
      expect.arrayContaining(['members', 'pos_transactions', 'webhook_events']),
    )
    // Every session of the person is over.
    expect((await t.request('/api/v1/consumer/wallets', { headers })).status).toBe(401)

    expect(logLines.length).toBeGreaterThan(0)
    const logs = logLines.join('\n')
    expect(logs.toLowerCase()).not.toContain(EMAIL)
    expect(new RegExp(phoneRegex).test(logs)).toBe(false)
  }, 60_000)
})
