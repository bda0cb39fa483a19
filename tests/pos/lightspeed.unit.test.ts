import { afterAll, describe, expect, test } from 'bun:test'
import { getPosAdapter, type SaleCompleted } from '../../src/pos'
import { lightspeedFormBody, signLightspeedWebhook, startLightspeedFake } from '../fakes'
import { testPosAdapter } from './adapter-contract'
import { readFixture } from './fixtures'

const adapter = getPosAdapter('lightspeed')!
const SECRET = 'lightspeed-client-secret'
const RETAILER = 'b1e2c3d4-0000-4000-8000-0000000000r1'

/** Fixtures hold the decoded payload; the wire body is the form Lightspeed POSTs. */
const form = (name: string, retailerId: string | null = RETAILER) => {
  const { type, payload } = JSON.parse(readFixture('lightspeed', name)) as { type: string; payload: unknown }
  return lightspeedFormBody(payload, { type, retailerId, domainPrefix: 'janecoffee' })
}
const sign = (body: string, secret: string) => ({
  'content-type': 'application/x-www-form-urlencoded',
  'x-signature': signLightspeedWebhook(body, secret),
})
const delivery = (body: string) => ({ rawBody: body, headers: new Headers(sign(body, SECRET)) })
/** Same payload JSON with other whitespace, re-encoded into the form. */
const reserialise = (body: string) => {
  const fields = new URLSearchParams(body)
  fields.set('payload', JSON.stringify(JSON.parse(fields.get('payload') ?? ''), null, 1))
  return fields.toString()
}

testPosAdapter({
  adapter,
  secret: SECRET,
  url: 'https://loyalty.example.com/webhooks/lightspeed',
  sign,
  reserialise,
  sale: { name: 'sale.update CLOSED', body: form('sale-closed.json') },
  unknownEvent: { name: 'product.update', body: form('product-update.json') },
  amountCases: [
    // 13.04348 + 1.95652 = 15.00000 exactly; each part rounds on its own.
    {
      name: 'NZD with 5-decimal tax-exclusive prices',
      body: form('sale-closed.json'),
      currency: 'NZD',
      total: 1500,
      subtotal: 1304,
      tax: 196,
    },
  ],
})

describe('lightspeed verify', () => {
  const body = form('sale-closed.json')
  const withSignature = (value: string) => ({
    rawBody: body,
    headers: new Headers({ 'x-signature': value }),
    url: '',
    secrets: [SECRET],
  })

  test('accepts a base64 digest as well as hex (encoding unconfirmed by Lightspeed)', () => {
    expect(adapter.verify(withSignature(signLightspeedWebhook(body, SECRET, 'base64')))).toBe(true)
  })

  test('refuses another algorithm name or a header without a signature field', () => {
    const hex = signLightspeedWebhook(body, SECRET).replace('HMAC-SHA256', 'HMAC-SHA1')
    expect(adapter.verify(withSignature(hex))).toBe(false)
    expect(adapter.verify(withSignature('algorithm=HMAC-SHA256'))).toBe(false)
  })
})

describe('lightspeed parse', () => {
  test('a closed sale: the retailer id routes it, id + version dedupe it, mobile beats phone', () => {
    expect(adapter.extractEnvelopes(delivery(form('sale-closed.json')))).toEqual([
      {
        externalMerchantId: RETAILER,
        providerEventId: 'sale.update/e541c29f-8657-a3be-11e9-802e3ba64743/1812',
        eventType: 'sale.update',
      },
    ])
    expect(adapter.parse(delivery(form('sale-closed.json')))[0]).toMatchObject({
      type: 'sale_completed',
      providerTransactionId: 'e541c29f-8657-a3be-11e9-802e3ba64743',
      occurredAt: '2026-06-02T17:41:05.000Z',
      identity: {
        email: 'jane@example.com',
        phone: '+64211234567',
        providerCustomerId: '06e35f89-3783-11e6-ec7e-13193f7bd2ed',
      },
    })
  })

  test('without retailer_id the domain_prefix routes the delivery', () => {
    expect(adapter.extractEnvelopes(delivery(form('sale-closed.json', null)))?.[0]?.externalMerchantId).toBe(
      'janecoffee',
    )
  })

  test('a parked (SAVED) sale is ignored', () => {
    expect(adapter.parse(delivery(form('sale-saved.json')))[0]).toMatchObject({
      type: 'ignored',
      reason: 'sale not closed',
    })
  })

  test('the walk-in customer identifies nobody', () => {
    expect(adapter.parse(delivery(form('sale-walkin.json')))[0]).toMatchObject({ type: 'sale_completed', identity: {} })
  })

  test('a return reverses the original sale; a void reverses itself', () => {
    expect(adapter.parse(delivery(form('sale-return.json')))[0]).toMatchObject({
      type: 'refund',
      originalTransactionId: 'e541c29f-8657-a3be-11e9-802e3ba64743',
      refundId: 'f0000000-0000-4000-8000-0000000r0001',
      amount: 500,
      currency: 'NZD',
    })
    expect(adapter.parse(delivery(form('sale-voided.json')))[0]).toMatchObject({
      type: 'refund',
      originalTransactionId: 'e541c29f-8657-a3be-11e9-802e3ba64743',
      refundId: 'e541c29f-8657-a3be-11e9-802e3ba64743:voided',
      amount: 1500,
    })
  })

  test('API 0.x dates and a sale without payments use UTC and the fallback currency', () => {
    expect(adapter.parse(delivery(form('sale-old-dates.json')), { fallbackCurrency: 'AUD' })[0]).toMatchObject({
      occurredAt: '2026-06-02T17:41:05.000Z',
      currency: 'AUD',
    })
  })

  test('customer.update links the customer', () => {
    expect(adapter.parse(delivery(form('customer-update.json')))[0]).toMatchObject({
      type: 'customer_linked',
      providerCustomerId: '06e35f89-3783-11e6-ec7e-13193f7bd2ed',
      identity: { email: 'jane@example.com', phone: '+64211234567' },
    })
  })
})

describe('lightspeed fetchDetails against the fake', () => {
  const fake = startLightspeedFake()
  afterAll(() => fake.stop())
  fake.customers.set('06e35f89-3783-11e6-ec7e-13193f7bd2ed', {
    id: '06e35f89-3783-11e6-ec7e-13193f7bd2ed',
    customer_code: 'JANE-0001',
    email: 'jane@example.com',
    mobile: '+64211234567',
  })
  const sale = () => adapter.parse(delivery(form('sale-customer-id-only.json')))[0] as SaleCompleted

  test('a sale naming only a customer id asks for, and gets, the customer', async () => {
    expect(sale().needsDetails).toEqual({
      reason: 'identity_missing',
      resource: 'customer',
      resourceId: '06e35f89-3783-11e6-ec7e-13193f7bd2ed',
    })
    const result = await adapter.fetchDetails!(sale(), { fetch, baseUrl: fake.url, accessToken: fake.accessToken })
    expect(result.ok && result.value[0]).toMatchObject({
      amounts: { total: 1500 },
      identity: {
        email: 'jane@example.com',
        phone: '+64211234567',
        providerCustomerId: '06e35f89-3783-11e6-ec7e-13193f7bd2ed',
      },
    })
    expect(result.ok && result.value[0]).not.toHaveProperty('needsDetails')
  })

  test('a wrong token is unauthorized', async () => {
    const result = await adapter.fetchDetails!(sale(), { fetch, baseUrl: fake.url, accessToken: 'nope' })
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', status: 401 } })
  })
})
