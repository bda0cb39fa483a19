// End to end over real HTTP: each fake signs and POSTs a webhook exactly as its provider does,
// and a minimal receiver (standing in for the webhook route) checks it with the adapter.
import { afterAll, describe, expect, test } from 'bun:test'
import { getPosAdapter, type PosAdapter, type PosEvent, type WebhookEnvelope } from '../../src/pos'
import { startCloverFake, startLightspeedFake, startShopifyFake, startSquareFake, startToastFake } from '../fakes'
import { readFixture, toastFixtureAt } from './fixtures'

type Received = { verified: boolean; envelopes: WebhookEnvelope[] | null; events: PosEvent[] }

function startReceiver(adapter: PosAdapter, secret: string) {
  const received: Received[] = []
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(req) {
      const webhook = { rawBody: new Uint8Array(await req.arrayBuffer()), headers: req.headers }
      const verified = adapter.verify({ ...webhook, url, secrets: [secret], now: new Date() })
      received.push({
        verified,
        envelopes: verified ? adapter.extractEnvelopes(webhook) : null,
        events: verified ? adapter.parse(webhook) : [],
      })
      return new Response(null, { status: verified ? 200 : 401 })
    },
  })
  const url = `http://127.0.0.1:${server.port}/webhooks/${adapter.meta.slug}`
  return { url, received, stop: () => server.stop(true) }
}

const stops: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const stop of stops) await stop()
})

describe('fakes deliver webhooks the adapters accept', () => {
  test('square: signs the notification URL + body', async () => {
    const fake = startSquareFake()
    const rx = startReceiver(getPosAdapter('square')!, fake.signatureKey)
    stops.push(fake.stop, rx.stop)
    expect((await fake.sendWebhook(rx.url, readFixture('square', 'payment-completed.json'))).status).toBe(200)
    // Square signed a different URL (e.g. the public one while we rebuilt an internal one): refused.
    expect(
      (
        await fake.sendWebhook(rx.url, readFixture('square', 'payment-completed.json'), {
          notificationUrl: 'https://elsewhere.example/hook',
        })
      ).status,
    ).toBe(401)
    expect(rx.received[0]?.events[0]?.type).toBe('sale_completed')
  })

  test('clover: static X-Clover-Auth; a missing header is refused', async () => {
    const fake = startCloverFake()
    const rx = startReceiver(getPosAdapter('clover')!, fake.authCode)
    stops.push(fake.stop, rx.stop)
    expect((await fake.sendWebhook(rx.url, readFixture('clover', 'notice.json'))).status).toBe(200)
    expect((await fake.sendWebhook(rx.url, readFixture('clover', 'notice.json'), { authCode: null })).status).toBe(401)
    expect((await fake.sendVerification(rx.url, 'code-123')).status).toBe(401)
    expect(rx.received[0]?.envelopes?.length).toBe(2)
  })

  test('shopify: classic and events-style headers', async () => {
    const fake = startShopifyFake()
    const rx = startReceiver(getPosAdapter('shopify')!, fake.apiSecret)
    stops.push(fake.stop, rx.stop)
    expect((await fake.sendWebhook(rx.url, readFixture('shopify', 'order-paid.json'))).status).toBe(200)
    expect(
      (
        await fake.sendWebhook(rx.url, readFixture('shopify', 'refund-create.json'), {
          topic: 'refunds/create',
          eventsStyle: true,
        })
      ).status,
    ).toBe(200)
    expect(
      (await fake.sendWebhook(rx.url, readFixture('shopify', 'order-paid.json'), { apiSecret: 'wrong' })).status,
    ).toBe(401)
    expect(rx.received.map((r) => r.events[0]?.type)).toEqual(['sale_completed', 'refund', undefined])
    expect(rx.received[0]?.envelopes?.[0]?.externalMerchantId).toBe(fake.shop)
  })

  test('lightspeed: form body, hex or base64 digest', async () => {
    const fake = startLightspeedFake()
    const rx = startReceiver(getPosAdapter('lightspeed')!, fake.clientSecret)
    stops.push(fake.stop, rx.stop)
    const { payload } = JSON.parse(readFixture('lightspeed', 'sale-closed.json')) as { payload: unknown }
    expect((await fake.sendWebhook(rx.url, payload)).status).toBe(200)
    expect((await fake.sendWebhook(rx.url, payload, { encoding: 'base64' })).status).toBe(200)
    expect(rx.received[0]?.envelopes?.[0]?.externalMerchantId).toBe(fake.retailerId)
    expect(rx.received[1]?.events[0]).toMatchObject({
      type: 'sale_completed',
      amounts: { total: 1500 },
      currency: 'NZD',
    })
  })

  test('toast: body + timestamp signature and Toast-* headers', async () => {
    const fake = startToastFake()
    const rx = startReceiver(getPosAdapter('toast')!, fake.webhookSecret)
    stops.push(fake.stop, rx.stop)
    expect((await fake.sendWebhook(rx.url, toastFixtureAt('order-paid.json', new Date()), { attempt: 2 })).status).toBe(
      200,
    )
    expect(
      (await fake.sendWebhook(rx.url, toastFixtureAt('order-paid.json', new Date()), { webhookSecret: 'wrong' }))
        .status,
    ).toBe(401)
    expect(rx.received[0]?.events[0]?.type).toBe('sale_completed')
  })
})
