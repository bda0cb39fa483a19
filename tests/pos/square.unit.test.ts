import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { getPosAdapter, type PosEvent, type SaleCompleted } from '../../src/pos'
import { type SquareFake, squareWebhookHeaders, startSquareFake } from '../fakes'
import { testPosAdapter } from './adapter-contract'
import { readFixture, reserialiseJson } from './fixtures'

const adapter = getPosAdapter('square')!
const URL_AS_REGISTERED = 'https://loyalty.example.com/webhooks/square'
const KEY = 'square-subscription-key'
const fx = (name: string) => readFixture('square', name)
const delivery = (body: string, url = URL_AS_REGISTERED) => ({
  rawBody: body,
  headers: new Headers(squareWebhookHeaders(body, KEY, url)),
})

testPosAdapter({
  adapter,
  secret: KEY,
  url: URL_AS_REGISTERED,
  sign: (body, secret) => squareWebhookHeaders(body, secret, URL_AS_REGISTERED),
  reserialise: reserialiseJson,
  sale: { name: 'payment.updated COMPLETED', body: fx('payment-completed.json') },
  unknownEvent: { name: 'inventory.count.updated', body: fx('unknown-event.json') },
  amountCases: [
    { name: 'USD with tip', body: fx('payment-completed.json'), currency: 'USD', total: 1450, tip: 200 },
    // JPY has no minor unit: Square's smallest unit is one yen.
    { name: 'JPY (exponent 0)', body: fx('payment-completed-jpy.json'), currency: 'JPY', total: 1500 },
  ],
})

describe('square verify', () => {
  test('matches the documented sample vector, URL first', () => {
    const headers = new Headers({ 'x-square-hmacsha256-signature': '2kRE5qRU2tR+tBGlDwMEw2avJ7QM4ikPYD/PJ3bd9Og=' })
    const input = { rawBody: '{"hello":"world"}', headers, secrets: ['asdf1234'] }
    expect(adapter.verify({ ...input, url: 'https://example.com/webhook' })).toBe(true)
    expect(adapter.verify({ ...input, url: 'https://example.com/webhook/' })).toBe(false)
  })

  test('refuses a signature made for another notification URL (rebuilt behind a proxy)', () => {
    const body = fx('payment-completed.json')
    const signedForInternalUrl = delivery(body, 'http://10.0.0.7:3000/webhooks/square')
    expect(adapter.verify({ ...signedForInternalUrl, url: URL_AS_REGISTERED, secrets: [KEY] })).toBe(false)
  })
})

describe('square parse', () => {
  test('payment.updated COMPLETED is a sale keyed on the payment id, asking for the customer', () => {
    const [sale] = adapter.parse(delivery(fx('payment-completed.json')))
    expect(sale).toEqual({
      type: 'sale_completed',
      provider: 'square',
      externalMerchantId: 'ML8M1AQ1GQG2K',
      providerEventId: '7f0a4c6e-3c1b-4a8e-9d2f-1b6e5c0d9a11',
      providerTransactionId: 'bP9mAsEMYPUGjjGNaNO5ZDVyLhSZY',
      occurredAt: '2026-06-02T17:41:05.129Z',
      amounts: { total: 1450, tip: 200 },
      currency: 'USD',
      identity: { email: 'jane@example.com', providerCustomerId: 'JDKYHBWT1D4F8MFH63DBMEN8Y4' },
      needsDetails: { reason: 'identity_missing', resource: 'customer', resourceId: 'JDKYHBWT1D4F8MFH63DBMEN8Y4' },
    })
  })

  test('payment APPROVED is not yet money taken: ignored', () => {
    const [event] = adapter.parse(delivery(fx('payment-approved.json')))
    expect(event).toMatchObject({
      type: 'ignored',
      eventType: 'payment.created',
      reason: expect.stringContaining('APPROVED'),
    })
  })

  test('refund.updated COMPLETED reverses the original payment', () => {
    expect(adapter.parse(delivery(fx('refund-completed.json')))).toEqual([
      {
        type: 'refund',
        provider: 'square',
        externalMerchantId: 'ML8M1AQ1GQG2K',
        providerEventId: '1b2c3d4e-0000-4000-8000-00000000a003',
        originalTransactionId: 'bP9mAsEMYPUGjjGNaNO5ZDVyLhSZY',
        refundId: 'rfnd_bP9m_1',
        amount: 500,
        currency: 'USD',
        occurredAt: '2026-06-03T09:00:01.000Z',
      },
    ])
  })

  test('a PENDING refund is ignored until it completes', () => {
    const pending = fx('refund-completed.json').replace('"COMPLETED"', '"PENDING"')
    expect(adapter.parse(delivery(pending))[0]?.type).toBe('ignored')
  })

  test('customer.updated links the Square customer id to its contact details', () => {
    expect(adapter.parse(delivery(fx('customer-updated.json')))[0]).toMatchObject({
      type: 'customer_linked',
      providerCustomerId: 'JDKYHBWT1D4F8MFH63DBMEN8Y4',
      identity: { email: 'jane@example.com', phone: '+15555550123' },
    })
  })
})

describe('square fetchDetails against the fake', () => {
  let fake: SquareFake
  beforeAll(() => {
    fake = startSquareFake()
    fake.customers.set('JDKYHBWT1D4F8MFH63DBMEN8Y4', {
      id: 'JDKYHBWT1D4F8MFH63DBMEN8Y4',
      phone_number: '+15555550123',
      email_address: 'other@example.com',
    })
    fake.orders.set('JPORDER0001', { id: 'JPORDER0001', tenders: [{ id: 't1', customer_id: 'JPCUSTOMER1' }] })
    fake.customers.set('JPCUSTOMER1', { id: 'JPCUSTOMER1', phone_number: '+81312345678' })
  })
  afterAll(() => fake.stop())
  const ctx = () => ({ fetch, baseUrl: fake.url, accessToken: fake.accessToken })
  const saleFrom = (name: string) => adapter.parse(delivery(fx(name)))[0] as SaleCompleted

  test('fills the phone from the Customer and keeps the payment email', async () => {
    const result = await adapter.fetchDetails!(saleFrom('payment-completed.json'), ctx())
    expect(result.ok).toBe(true)
    const [sale] = (result.ok ? result.value : []) as SaleCompleted[]
    expect(sale?.identity).toEqual({
      email: 'jane@example.com',
      phone: '+15555550123',
      providerCustomerId: 'JDKYHBWT1D4F8MFH63DBMEN8Y4',
    })
    expect(sale?.needsDetails).toBeUndefined()
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v2/customers/JDKYHBWT1D4F8MFH63DBMEN8Y4' })
  })

  test('without a customer_id, follows the order to its tender customer', async () => {
    const result = await adapter.fetchDetails!(saleFrom('payment-completed-jpy.json'), ctx())
    const events: PosEvent[] = result.ok ? result.value : []
    expect(events[0]).toMatchObject({
      amounts: { total: 1500 },
      currency: 'JPY',
      identity: { phone: '+81312345678', providerCustomerId: 'JPCUSTOMER1' },
    })
  })

  test('a wrong token is unauthorized, so the job can refresh', async () => {
    const result = await adapter.fetchDetails!(saleFrom('payment-completed.json'), { ...ctx(), accessToken: 'wrong' })
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', status: 401 } })
  })

  test('rate limiting is reported with Retry-After', async () => {
    fake.failNext(429, { headers: { 'retry-after': '7' } })
    const result = await adapter.fetchDetails!(saleFrom('payment-completed.json'), ctx())
    expect(result).toEqual({ ok: false, error: { code: 'rate_limited', status: 429, retryAfter: '7' } })
  })

  test('an unreachable provider is unavailable, not a throw', async () => {
    const result = await adapter.fetchDetails!(saleFrom('payment-completed.json'), {
      ...ctx(),
      baseUrl: 'http://127.0.0.1:1',
    })
    expect(result).toEqual({ ok: false, error: { code: 'unavailable' } })
  })
})
