// Issue 10.6: Shopify's mandatory compliance webhooks, delivered through POST /webhooks/shopify
// with Shopify's HMAC. customers/redact erases that customer's identity in that shop (member
// contact and POS links, pos_transactions.identity, stored bodies) and nothing else, balances
// unchanged; customers/data_request leaves an admin-visible audit record; shop/redact erases the
// shop's POS data and tokens, but only once Shopify confirms the app is really uninstalled.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { and, eq, inArray } from 'drizzle-orm'
import { listAudit } from '../../../src/audit'
import { asSystem } from '../../../src/infra/scope'
import { wallets } from '../../../src/ledger'
import { memberPosIds, members } from '../../../src/members'
import { processInboxEvent } from '../../../src/pos/ingest'
import { posConnections, posTransactions, inboxEvents } from '../../../src/pos/pos.schema'
import { shopifyWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { inboxRows, linkMerchant } from '../ingest/harness'
import { connectOverHttp, fakeEnv, startFakes } from './harness'

const fakes = startFakes()
const getApp = useTestApp(fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test' }))
const db = () => getApp().deps.dbh.db
const OTHER_SHOP = 'other-shop.myshopify.com'
let shopA: Awaited<ReturnType<typeof makeCast>>
let shopB: Awaited<ReturnType<typeof makeCast>>

const XAVIER = { id: '7390000000001', email: 'xavier@example.com', phone: '+15555550111' }
const YOLANDA = { id: '7390000000002', email: 'yolanda@example.com', phone: '+15555550122' }
let seq = 0

async function deliver(shop: string, topic: string, body: string, eventId = `evt-${++seq}`) {
  const headers = shopifyWebhookHeaders(body, shop, { apiSecret: fakes.shopify.apiSecret, topic, eventId })
  const res = await getApp().request('/webhooks/shopify', { method: 'POST', headers, body })
  expect(res.status).toBe(200)
  for (const row of await inboxRows(getApp().deps))
    if (row.status === 'received') await processInboxEvent(getApp().deps, row.id)
}

/** orders/paid as Shopify sends it; ids are bare JSON numbers beyond 2^53. */
const order = (orderId: string, who: typeof XAVIER) =>
  `{"id":${orderId},"created_at":"2026-06-02T17:41:05Z","processed_at":"2026-06-02T17:41:05Z","currency":"USD","financial_status":"paid","total_price":"30.00","email":"${who.email}","phone":"${who.phone}","customer":{"id":${who.id},"email":"${who.email}","phone":"${who.phone}","first_name":"Test","last_name":"Person"}}`

const memberOf = async (tenantId: string, email: string) =>
  (
    await asSystem(db(), (tx) =>
      tx
        .select()
        .from(members)
        .where(and(eq(members.tenantId, tenantId), eq(members.email, email))),
    )
  )[0]
const memberById = async (id: string) =>
  (await asSystem(db(), (tx) => tx.select().from(members).where(eq(members.id, id))))[0]!
const balance = async (memberId: string) =>
  (await asSystem(db(), (tx) => tx.select().from(wallets).where(eq(wallets.memberId, memberId))))[0]?.balance
const txn = async (tenantId: string, orderId: string) =>
  (
    await asSystem(db(), (tx) =>
      tx
        .select()
        .from(posTransactions)
        .where(and(eq(posTransactions.tenantId, tenantId), eq(posTransactions.providerTransactionId, orderId))),
    )
  )[0]!
const bodyOf = async (id: string) =>
  (await asSystem(db(), (tx) => tx.select().from(inboxEvents).where(eq(inboxEvents.id, id))))[0]!.rawBody
const audits = async (action: string) =>
  (await listAudit(db(), { action })).filter((a) => a.actorUserId === 'provider:shopify')

let xavierMember = ''
let yolandaMember = ''
let xavierPoints = 0

beforeAll(async () => {
  const t = getApp()
  shopA = await makeCast(t.deps)
  await connectOverHttp(t, shopA.owner.headers, 'shopify', fakes)
  shopB = await makeCast(t.deps)
  await linkMerchant(t.deps, shopB.tenant.id, 'shopify', OTHER_SHOP, 'shpat_other_shop')
  await deliver(fakes.shopify.shop, 'orders/paid', order('820982911946154501', XAVIER), 'order-x1')
  await deliver(fakes.shopify.shop, 'orders/paid', order('820982911946154502', XAVIER), 'order-x2')
  await deliver(fakes.shopify.shop, 'orders/paid', order('820982911946154503', YOLANDA), 'order-y1')
  // The same person also shops at another SalesArck merchant's Shopify store.
  await deliver(OTHER_SHOP, 'orders/paid', order('820982911946154599', XAVIER), 'order-b1')
  xavierMember = (await memberOf(shopA.tenant.id, XAVIER.email))!.id
  yolandaMember = (await memberOf(shopA.tenant.id, YOLANDA.email))!.id
  xavierPoints = (await balance(xavierMember))!
  expect(xavierPoints).toBeGreaterThan(0)
  // Each member is linked to their Shopify customer id: the links the redactions must drop.
  const links = await asSystem(db(), (tx) =>
    tx.select().from(memberPosIds).where(eq(memberPosIds.tenantId, shopA.tenant.id)),
  )
  expect(links.map((l) => l.externalCustomerId).sort()).toEqual([XAVIER.id, YOLANDA.id])
}, 60_000)
afterAll(async () => {
  for (const f of Object.values(fakes)) await f.stop()
})

describe('customers/data_request', () => {
  test('is recorded for the admin with the ids to answer it, and changes nothing', async () => {
    const body = `{"shop_id":954889,"shop_domain":"${fakes.shopify.shop}","orders_requested":[820982911946154503],"customer":{"id":${YOLANDA.id},"email":"${YOLANDA.email}","phone":"${YOLANDA.phone}"},"data_request":{"id":9999}}`
    await deliver(fakes.shopify.shop, 'customers/data_request', body)
    const [record] = await audits('pos.privacy.customer_data_request')
    expect(record).toMatchObject({
      targetTenantId: shopA.tenant.id,
      after: { provider_customer_id: YOLANDA.id, order_ids: ['820982911946154503'], data_request_id: '9999' },
    })
    expect(JSON.stringify(record)).not.toContain(YOLANDA.email)
    expect(await memberById(yolandaMember)).toMatchObject({ email: YOLANDA.email, erasedAt: null })
  })
})

describe('customers/redact', () => {
  test('erases the customer’s identity in that shop only; balances and other customers unchanged', async () => {
    const x1 = await txn(shopA.tenant.id, '820982911946154501')
    const body = `{"shop_id":954889,"shop_domain":"${fakes.shopify.shop}","customer":{"id":${XAVIER.id},"email":"${XAVIER.email}","phone":"${XAVIER.phone}"},"orders_to_redact":[820982911946154501,820982911946154502]}`
    await deliver(fakes.shopify.shop, 'customers/redact', body, 'redact-x')

    expect(await memberById(xavierMember)).toMatchObject({
      email: null,
      phone: null,
      userId: null,
      erasedAt: expect.any(Date),
    })
    expect(
      await asSystem(db(), (tx) => tx.select().from(memberPosIds).where(eq(memberPosIds.memberId, xavierMember))),
    ).toEqual([])
    expect(await balance(xavierMember)).toBe(xavierPoints)
    for (const id of ['820982911946154501', '820982911946154502'])
      expect((await txn(shopA.tenant.id, id)).identity).toEqual({})
    expect(await bodyOf(x1.inboxEventId!)).toBe('')
    // The redact request's own body carried the contact details too.
    const own = (await inboxRows(getApp().deps)).find((r) => r.providerEventId === 'customers/redact/redact-x')!
    expect(own.rawBody).toBe('')
    const rows = await asSystem(db(), (tx) =>
      tx
        .select()
        .from(inboxEvents)
        .where(inArray(inboxEvents.status, ['processed', 'ignored'])),
    )
    expect(rows.filter((r) => r.rawBody.includes(XAVIER.email) && r.tenantId === shopA.tenant.id)).toEqual([])

    // Another customer of the shop, and the same person at another merchant, keep everything.
    expect(await memberById(yolandaMember)).toMatchObject({ email: YOLANDA.email, phone: YOLANDA.phone })
    expect((await txn(shopA.tenant.id, '820982911946154503')).identity).toMatchObject({ email: YOLANDA.email })
    expect(await memberOf(shopB.tenant.id, XAVIER.email)).toBeDefined()
    expect((await txn(shopB.tenant.id, '820982911946154599')).identity).toMatchObject({ email: XAVIER.email })

    const [record] = await audits('pos.privacy.customer_redact')
    expect(record!.after).toMatchObject({ erased: { members: 1, transactions: 2 } })
    expect(JSON.stringify(record)).not.toContain(XAVIER.email)
  })

  test('a retry of the customer’s old order webhook afterwards does not bring the identity back', async () => {
    await deliver(fakes.shopify.shop, 'orders/paid', order('820982911946154501', XAVIER), 'order-x1')
    expect(await memberById(xavierMember)).toMatchObject({ email: null, phone: null })
    expect(await memberOf(shopA.tenant.id, XAVIER.email)).toBeUndefined()
  })
})

describe('shop/redact', () => {
  const body = () => `{"shop_id":954889,"shop_domain":"${fakes.shopify.shop}"}`
  const connection = async () =>
    (
      await asSystem(db(), (tx) => tx.select().from(posConnections).where(eq(posConnections.tenantId, shopA.tenant.id)))
    )[0]!

  test('a replay while the app is still installed erases nothing (Shopify answers 200 with our token)', async () => {
    await deliver(fakes.shopify.shop, 'shop/redact', body())
    expect((await connection()).accessTokenEnc).not.toBeNull()
    expect((await txn(shopA.tenant.id, '820982911946154503')).identity).toMatchObject({ email: YOLANDA.email })
    expect((await audits('pos.privacy.shop_redact'))[0]!.reason).toContain('refused')
  })

  test('after a real uninstall it erases the shop’s identities, bodies and tokens, keeps balances and other shops', async () => {
    const yolandaPoints = await balance(yolandaMember)
    fakes.shopify.oauth.revokeMerchant(fakes.shopify.shop)
    await deliver(fakes.shopify.shop, 'shop/redact', body())
    const c = await connection()
    expect(c).toMatchObject({ status: 'revoked', accessTokenEnc: null, refreshTokenEnc: null })
    expect((await txn(shopA.tenant.id, '820982911946154503')).identity).toEqual({})
    const shopRows = (await inboxRows(getApp().deps)).filter(
      (r) => r.tenantId === shopA.tenant.id && r.provider === 'shopify',
    )
    expect(shopRows.every((r) => r.rawBody === '')).toBe(true)
    expect(
      await asSystem(db(), (tx) => tx.select().from(memberPosIds).where(eq(memberPosIds.tenantId, shopA.tenant.id))),
    ).toEqual([])
    expect(await balance(yolandaMember)).toBe(yolandaPoints)
    expect((await txn(shopB.tenant.id, '820982911946154599')).identity).toMatchObject({ email: XAVIER.email })
  })
})
