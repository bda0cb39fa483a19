import { describe, expect, test } from 'bun:test'
import { getPosAdapter } from '../../src/pos'
import { shopifyWebhookHeaders } from '../fakes'
import { testPosAdapter } from './adapter-contract'
import { readFixture, reserialiseJson } from './fixtures'

const adapter = getPosAdapter('shopify')!
const SECRET = 'shopify-api-secret'
const SHOP = 'jane-coffee.myshopify.com'
const fx = (name: string) => readFixture('shopify', name)
const sign = (body: string, apiSecret: string) =>
  shopifyWebhookHeaders(body, SHOP, { apiSecret, topic: 'orders/paid', eventId: 'evt-1', webhookId: 'wh-1' })
const delivery = (body: string, topic = 'orders/paid') => ({
  rawBody: body,
  headers: new Headers({ ...sign(body, SECRET), 'x-shopify-topic': topic }),
})
const topic = (t: string) => ({ 'x-shopify-topic': t })

testPosAdapter({
  adapter,
  secret: SECRET,
  url: 'https://loyalty.example.com/webhooks/shopify',
  sign,
  reserialise: reserialiseJson,
  sale: { name: 'orders/paid', body: fx('order-paid.json') },
  unknownEvent: { name: 'products/update', body: fx('product-update.json'), headers: topic('products/update') },
  amountCases: [
    {
      name: 'USD decimal strings',
      body: fx('order-paid.json'),
      currency: 'USD',
      total: 1450,
      subtotal: 1250,
      discount: 100,
      tax: 75,
      tip: 225,
    },
    {
      name: 'JPY (exponent 0)',
      body: fx('order-paid-jpy.json'),
      currency: 'JPY',
      total: 1650,
      subtotal: 1500,
      tax: 150,
      tip: 0,
    },
    {
      name: 'KWD (exponent 3)',
      body: fx('order-paid-kwd.json'),
      currency: 'KWD',
      total: 5250,
      subtotal: 4750,
      tip: 500,
    },
  ],
})

describe('shopify envelope', () => {
  test('routing facts come from headers; the dedupe key pairs topic and event id', () => {
    expect(adapter.extractEnvelopes(delivery(fx('order-paid.json')))).toEqual([
      { externalMerchantId: SHOP, providerEventId: 'orders/paid/evt-1', eventType: 'orders/paid' },
    ])
  })

  test('newer "events" deliveries with un-prefixed headers verify and parse the same', () => {
    const body = fx('order-paid.json')
    const headers = new Headers(
      shopifyWebhookHeaders(body, SHOP, { apiSecret: SECRET, eventId: 'evt-1', eventsStyle: true }),
    )
    expect(headers.has('x-shopify-hmac-sha256')).toBe(false)
    expect(adapter.verify({ rawBody: body, headers, url: '', secrets: [SECRET] })).toBe(true)
    expect(adapter.parse({ rawBody: body, headers })).toEqual(adapter.parse(delivery(body)))
  })

  test('a body without the topic or shop headers has no envelope', () => {
    const w = delivery(fx('order-paid.json'))
    w.headers.delete('x-shopify-shop-domain')
    expect(adapter.extractEnvelopes(w)).toBeNull()
  })
})

describe('shopify parse', () => {
  test('orders/paid: ids above 2^53 keep every digit', () => {
    const [sale] = adapter.parse(delivery(fx('order-paid.json')))
    expect(sale).toMatchObject({
      type: 'sale_completed',
      providerTransactionId: '820982911946154508',
      occurredAt: '2026-06-02T17:41:05.000Z',
      identity: { email: 'jane@example.com', phone: '+15555550123', providerCustomerId: '115310627314723954' },
    })
    expect(sale).not.toHaveProperty('needsDetails')
  })

  test('orders/create before payment, and cancelled orders, are ignored', () => {
    const pending = fx('order-paid.json').replace('"financial_status": "paid"', '"financial_status": "pending"')
    expect(adapter.parse(delivery(pending, 'orders/create'))[0]).toMatchObject({
      type: 'ignored',
      reason: 'order not paid',
    })
    const cancelled = fx('order-paid.json').replace(
      '"cancelled_at": null',
      '"cancelled_at": "2026-06-02T14:00:00-04:00"',
    )
    expect(adapter.parse(delivery(cancelled))[0]).toMatchObject({ type: 'ignored', reason: 'order cancelled' })
  })

  test('refunds/create: only successful refund transactions count', () => {
    expect(adapter.parse(delivery(fx('refund-create.json'), 'refunds/create'))).toEqual([
      {
        type: 'refund',
        provider: 'shopify',
        externalMerchantId: SHOP,
        providerEventId: 'refunds/create/evt-1',
        originalTransactionId: '820982911946154508',
        refundId: '509562969',
        amount: 500,
        currency: 'USD',
        occurredAt: '2026-06-03T14:00:01.000Z',
      },
    ])
  })

  test('a restock-only refund moved no money: ignored', () => {
    const body = JSON.stringify({ id: 1, order_id: 2, created_at: '2026-06-03T10:00:00Z', transactions: [] })
    expect(adapter.parse(delivery(body, 'refunds/create'))[0]).toMatchObject({
      type: 'ignored',
      reason: 'refund moved no money',
    })
  })

  test('customers/update links the customer id to its contact details', () => {
    expect(adapter.parse(delivery(fx('customer-update.json'), 'customers/update'))[0]).toMatchObject({
      type: 'customer_linked',
      providerCustomerId: '115310627314723954',
      identity: { email: 'jane@example.com', phone: '+15555550123' },
    })
  })

  test('redacted contact data (no protected-data approval) leaves an empty identity', () => {
    const [sale] = adapter.parse(delivery(fx('order-paid-jpy.json')))
    expect(sale).toMatchObject({ type: 'sale_completed', identity: {} })
  })
})
