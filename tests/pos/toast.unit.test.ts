import { afterAll, describe, expect, test } from 'bun:test'
import { createHmac } from 'node:crypto'
import { getPosAdapter, type SaleCompleted } from '../../src/pos'
import { startToastFake, toastWebhookHeaders } from '../fakes'
import { testPosAdapter } from './adapter-contract'
import { readFixture, reserialiseJson, TOAST_FIXTURE_TIME } from './fixtures'

const adapter = getPosAdapter('toast')!
const SECRET = 'toast-webhook-secret'
const RESTAURANT = '0cd990c9-fd74-461d-8468-de2a0919ccbb'
const fx = (name: string) => readFixture('toast', name)
const sign = (body: string, secret: string) => toastWebhookHeaders(body, secret)
const delivery = (body: string) => ({ rawBody: body, headers: new Headers(sign(body, SECRET)) })

testPosAdapter({
  adapter,
  secret: SECRET,
  url: 'https://loyalty.example.com/webhooks/toast',
  sign,
  reserialise: reserialiseJson,
  now: TOAST_FIXTURE_TIME,
  sale: { name: 'order_updated, paid', body: fx('order-paid.json') },
  unknownEvent: { name: 'partners partner_added', body: fx('partner-added.json') },
  amountCases: [
    // totalAmount 13.5 excludes the 2.0 tip recorded on the payment.
    {
      name: 'USD major-unit floats',
      body: fx('order-paid.json'),
      currency: 'USD',
      total: 1550,
      subtotal: 1250,
      tax: 100,
      tip: 200,
    },
    {
      name: 'float noise (0.30000000000000004) rounds once',
      body: fx('order-float-noise.json'),
      currency: 'USD',
      total: 40,
      subtotal: 10,
      tax: 20,
      tip: 10,
    },
  ],
})

describe('toast verify', () => {
  const body = fx('order-paid.json')
  const withSignature = (sig: string, now = TOAST_FIXTURE_TIME) => ({
    rawBody: body,
    headers: new Headers({ 'toast-signature': sig }),
    url: '',
    secrets: [SECRET],
    now,
  })
  const hmac = (msg: string) => createHmac('sha256', SECRET).update(msg).digest('base64')

  test('signs raw body + the envelope timestamp', () => {
    expect(adapter.verify(withSignature(hmac(`${body}2026-06-02T17:41:09.050Z`)))).toBe(true)
  })

  test('accepts the documented fallback of the raw body alone', () => {
    expect(adapter.verify(withSignature(hmac(body)))).toBe(true)
  })

  test('refuses a signature over another timestamp', () => {
    expect(adapter.verify(withSignature(hmac(`${body}2026-06-02T17:41:10.000Z`)))).toBe(false)
  })

  test('refuses a genuine signature whose timestamp is more than five minutes away, either way', () => {
    const genuine = hmac(`${body}2026-06-02T17:41:09.050Z`)
    const at = (ms: number) => new Date(TOAST_FIXTURE_TIME.getTime() + ms)
    expect(adapter.verify(withSignature(genuine, at(5 * 60_000)))).toBe(true)
    expect(adapter.verify(withSignature(genuine, at(-5 * 60_000)))).toBe(true)
    expect(adapter.verify(withSignature(genuine, at(5 * 60_000 + 1)))).toBe(false)
    expect(adapter.verify(withSignature(genuine, at(-5 * 60_000 - 1)))).toBe(false)
    // The body-only fallback signs the same body, timestamp included: no way around the window.
    expect(adapter.verify(withSignature(hmac(body), at(60 * 60_000)))).toBe(false)
  })

  test('refuses a signed body without a readable timestamp', () => {
    const noTime = body.replace('"timestamp": "2026-06-02T17:41:09.050Z"', '"timestamp": "yesterday"')
    const sig = hmac(noTime)
    expect(
      adapter.verify({
        rawBody: noTime,
        headers: new Headers({ 'toast-signature': sig }),
        url: '',
        secrets: [SECRET],
        now: TOAST_FIXTURE_TIME,
      }),
    ).toBe(false)
  })
})

describe('toast parse', () => {
  test('a paid order is a sale keyed on the order GUID, asking for the redacted phone', () => {
    expect(adapter.parse(delivery(fx('order-paid.json')))).toEqual([
      {
        type: 'sale_completed',
        provider: 'toast',
        externalMerchantId: RESTAURANT,
        providerEventId: '534bf25a-b657-45aa-9a63-47f8f35400d6',
        providerTransactionId: 'f6d98b95-2816-4f54-b1ab-7a5d71e83769',
        occurredAt: '2026-06-02T17:41:08.101Z',
        amounts: { subtotal: 1250, tax: 100, tip: 200, total: 1550 },
        currency: 'USD',
        identity: { email: 'jane@example.com', providerCustomerId: '5a401af8-d2e2-4090-8c45-9f87b8b6c4d1' },
        needsDetails: {
          reason: 'identity_missing',
          resource: 'order',
          resourceId: 'f6d98b95-2816-4f54-b1ab-7a5d71e83769',
        },
      },
    ])
  })

  test('orders carry no currency: the tenant currency is used', () => {
    expect(adapter.parse(delivery(fx('order-paid.json')), { fallbackCurrency: 'CAD' })[0]).toMatchObject({
      currency: 'CAD',
    })
  })

  test('an open order is ignored; a voided one reverses itself', () => {
    expect(adapter.parse(delivery(fx('order-open.json')))[0]).toMatchObject({
      type: 'ignored',
      reason: 'order not paid',
    })
    expect(adapter.parse(delivery(fx('order-voided.json')))[0]).toMatchObject({
      type: 'refund',
      originalTransactionId: 'f6d98b95-2816-4f54-b1ab-7a5d71e83769',
      refundId: 'f6d98b95-2816-4f54-b1ab-7a5d71e83769:voided',
      amount: 1550,
    })
  })

  test('partners: partner_removed withdraws access to the restaurant; partner_added changes nothing', () => {
    expect(adapter.parse(delivery(fx('partner-removed.json')))).toEqual([
      {
        type: 'access_revoked',
        provider: 'toast',
        externalMerchantId: RESTAURANT,
        providerEventId: 'a34bf25a-b657-45aa-9a63-47f8f35400db',
        reason: 'The restaurant removed SalesArck from its Toast integrations',
      },
    ])
    expect(adapter.parse(delivery(fx('partner-added.json')))[0]).toMatchObject({ type: 'ignored' })
  })
})

describe('toast fetchDetails against the fake', () => {
  const fake = startToastFake({ restaurants: [RESTAURANT] })
  afterAll(() => fake.stop())
  fake.putOrder(RESTAURANT, JSON.parse(fx('rest-order.json')))
  const sale = () => adapter.parse(delivery(fx('order-paid.json')))[0] as SaleCompleted
  const ctx = (accessToken = fake.accessToken) => ({ fetch, baseUrl: fake.url, accessToken })

  test('GETs the order naming the restaurant, and fills the phone with its country code', async () => {
    const result = await adapter.fetchDetails!(sale(), ctx())
    expect(result.ok && result.value[0]).toMatchObject({
      type: 'sale_completed',
      providerEventId: '534bf25a-b657-45aa-9a63-47f8f35400d6',
      amounts: { total: 1550 },
      identity: {
        email: 'jane@example.com',
        phone: '+15555550123',
        providerCustomerId: '5a401af8-d2e2-4090-8c45-9f87b8b6c4d1',
      },
    })
    expect(result.ok && result.value[0]).not.toHaveProperty('needsDetails')
    expect(fake.requests.at(-1)?.headers['toast-restaurant-external-id']).toBe(RESTAURANT)
  })

  test('a restaurant that removed the integration is forbidden; a wrong token unauthorized', async () => {
    fake.restaurants.delete(RESTAURANT)
    expect(await adapter.fetchDetails!(sale(), ctx())).toEqual({ ok: false, error: { code: 'forbidden', status: 403 } })
    fake.restaurants.add(RESTAURANT)
    expect(await adapter.fetchDetails!(sale(), ctx('wrong'))).toEqual({
      ok: false,
      error: { code: 'unauthorized', status: 401 },
    })
  })

  test('a provider outage is unavailable', async () => {
    fake.failNext(503)
    expect(await adapter.fetchDetails!(sale(), ctx())).toEqual({
      ok: false,
      error: { code: 'unavailable', status: 503 },
    })
  })
})
