import { afterAll, describe, expect, test } from 'bun:test'
import { getPosAdapter, type PosEvent, type SaleCompleted } from '../../src/pos'
import { startCloverFake } from '../fakes'
import { saleOf, testPosAdapter } from './adapter-contract'
import { readFixture, reserialiseJson } from './fixtures'

const adapter = getPosAdapter('clover')!
const AUTH = 'clover-auth-code'
const MERCHANT = 'XYZVJT2ZRRRSC'
const fx = (name: string) => readFixture('clover', name)
const sign = (_body: string, secret: string) => ({ 'content-type': 'application/json', 'x-clover-auth': secret })
const delivery = (body: string) => ({ rawBody: body, headers: new Headers(sign(body, AUTH)) })

const fake = startCloverFake({ authCode: AUTH, merchantId: MERCHANT })
afterAll(() => fake.stop())
fake.putOrder(MERCHANT, JSON.parse(fx('order-paid.json')))
fake.putCustomer(MERCHANT, JSON.parse(fx('customer.json')))
const ctx = (accessToken = fake.accessToken) => ({ fetch, baseUrl: fake.url, accessToken })
const resolve = async (sale: SaleCompleted): Promise<PosEvent[]> => {
  const result = await adapter.fetchDetails!(sale, ctx())
  if (!result.ok) throw new Error(`fetchDetails failed: ${result.error.code}`)
  return result.value
}

testPosAdapter({
  adapter,
  secret: AUTH,
  url: 'https://loyalty.example.com/webhooks/clover',
  sign,
  reserialise: reserialiseJson,
  sale: { name: 'P + O notices', body: fx('notice.json') },
  unknownEvent: { name: 'inventory and payment notices', body: fx('unknown-notice.json') },
  amountCases: [
    {
      name: 'USD order with a tip, via fetchDetails',
      body: fx('notice.json'),
      currency: 'USD',
      total: 1550,
      tip: 200,
      tax: 100,
    },
  ],
  resolve,
})

describe('clover parse', () => {
  test('an order notice is a sale without facts, asking for the order', () => {
    const events = adapter.parse(delivery(fx('notice.json')))
    expect(events.map((e) => e.type)).toEqual(['ignored', 'sale_completed'])
    expect(events[1]).toEqual({
      type: 'sale_completed',
      provider: 'clover',
      externalMerchantId: MERCHANT,
      providerEventId: `${MERCHANT}/O:GHIVJT2ABCRSC/UPDATE/1780419669412`,
      providerTransactionId: 'GHIVJT2ABCRSC',
      occurredAt: '2026-06-02T17:01:09.412Z',
      identity: {},
      amounts: null,
      currency: null,
      needsDetails: { reason: 'notice_only', resource: 'order', resourceId: 'GHIVJT2ABCRSC' },
    })
  })

  test('a batch spanning merchants yields one envelope per (merchant, object, type, ts)', () => {
    const w = delivery(fx('multi-merchant.json'))
    const envelopes = adapter.extractEnvelopes(w) ?? []
    expect(envelopes.map((e) => [e.externalMerchantId, e.eventType])).toEqual([
      [MERCHANT, 'O:UPDATE'],
      ['ABCMERCHANT02', 'O:CREATE'],
      ['ABCMERCHANT02', 'O:UPDATE'],
    ])
    expect(new Set(envelopes.map((e) => e.providerEventId)).size).toBe(3)
    const events = adapter.parse(w)
    expect(events.map((e) => e.providerEventId)).toEqual(envelopes.map((e) => e.providerEventId))
  })

  test('the unauthenticated verification POST is recognised, and refused by verify', () => {
    const body = JSON.stringify({ verificationCode: 'abc-123' })
    const headers = new Headers({ 'content-type': 'application/json' })
    expect(adapter.verify({ rawBody: body, headers, url: '', secrets: [AUTH] })).toBe(false)
    expect(adapter.parse({ rawBody: body, headers })[0]).toMatchObject({
      type: 'ignored',
      reason: 'webhook verification request',
    })
  })
})

describe('clover fetchDetails against the fake', () => {
  const notice = () => adapter.parse(delivery(fx('notice.json')))[1] as SaleCompleted

  test('completes the notice from the expanded order and the customer', async () => {
    const result = await adapter.fetchDetails!(notice(), ctx())
    expect(result).toEqual({
      ok: true,
      value: [
        {
          type: 'sale_completed',
          provider: 'clover',
          externalMerchantId: MERCHANT,
          providerEventId: `${MERCHANT}/O:GHIVJT2ABCRSC/UPDATE/1780419669412`,
          providerTransactionId: 'GHIVJT2ABCRSC',
          occurredAt: '2026-06-02T17:01:09.000Z',
          amounts: { total: 1550, tip: 200, tax: 100 },
          currency: 'USD',
          identity: { email: 'jane@example.com', phone: '+15555550123', providerCustomerId: 'CUST1234ABCD' },
        },
      ],
    })
    const paths = fake.requests.slice(-2).map((r) => `${r.path}${r.search}`)
    expect(paths).toEqual([
      `/v3/merchants/${MERCHANT}/orders/GHIVJT2ABCRSC?expand=customers,payments,refunds`,
      `/v3/merchants/${MERCHANT}/customers/CUST1234ABCD?expand=emailAddresses,phoneNumbers`,
    ])
  })

  test('a partially refunded order yields the sale and its refund', async () => {
    fake.putOrder(MERCHANT, JSON.parse(fx('order-partially-refunded.json')))
    const result = await adapter.fetchDetails!(notice(), ctx())
    const events = result.ok ? result.value : []
    expect(events.map((e) => e.type)).toEqual(['sale_completed', 'refund'])
    expect(events[1]).toMatchObject({
      originalTransactionId: 'GHIVJT2ABCRSC',
      refundId: 'REFUND000001',
      amount: 500,
      currency: 'USD',
    })
    expect((await saleOf(events)).identity).toEqual({})
    fake.putOrder(MERCHANT, JSON.parse(fx('order-paid.json')))
  })

  test('an open order is ignored', async () => {
    fake.putOrder(MERCHANT, JSON.parse(fx('order-open.json')))
    const result = await adapter.fetchDetails!(notice(), ctx())
    expect(result.ok && result.value[0]).toMatchObject({ type: 'ignored', reason: 'order not paid' })
    fake.putOrder(MERCHANT, JSON.parse(fx('order-paid.json')))
  })

  test('a wrong token, or a token of another merchant, is unauthorized', async () => {
    expect(await adapter.fetchDetails!(notice(), ctx('wrong'))).toEqual({
      ok: false,
      error: { code: 'unauthorized', status: 401 },
    })
    fake.oauth.seedAccessToken('other-merchant-token', 'OTHERMERCHANT')
    expect((await adapter.fetchDetails!(notice(), ctx('other-merchant-token'))).ok).toBe(false)
  })

  test('a deleted order is not_found', async () => {
    const gone = {
      ...notice(),
      needsDetails: { reason: 'notice_only', resource: 'order', resourceId: 'NOPE' },
    } as SaleCompleted
    expect(await adapter.fetchDetails!(gone, ctx())).toEqual({ ok: false, error: { code: 'not_found', status: 404 } })
  })
})
