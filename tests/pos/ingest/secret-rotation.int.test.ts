// Issue 10.7: every provider's webhook secret variable takes a comma-separated list, so a
// secret can be rotated with no lost deliveries. While "new,old" is configured, a delivery
// signed with either is accepted; one signed with a secret that was removed from the list is
// refused with 401 and stores nothing. The first entry is the one OAuth uses.
import { describe, expect, test } from 'bun:test'
import { parseConfig } from '../../../src/config'
import { providerSettings } from '../../../src/pos/connection/provider-settings'
import {
  lightspeedFormBody,
  shopifyWebhookHeaders,
  signLightspeedWebhook,
  squareWebhookHeaders,
  toastWebhookHeaders,
} from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { readFixture } from '../fixtures'
import { inboxRows, webhookSecrets } from './harness'

const SQUARE_URL = webhookSecrets.SQUARE_WEBHOOK_URL
const getApp = useTestApp({
  SQUARE_WEBHOOK_URL: SQUARE_URL,
  SQUARE_WEBHOOK_SIGNATURE_KEY: 'square-new, square-old',
  CLOVER_WEBHOOK_AUTH_CODE: 'clover-new,clover-old',
  SHOPIFY_API_SECRET: 'shopify-new,shopify-old',
  LIGHTSPEED_CLIENT_SECRET: 'lightspeed-new,lightspeed-old',
  TOAST_WEBHOOK_SECRET: 'toast-new,toast-old',
})

type Signed = { body: string; headers: Record<string, string> }

/** One readable delivery per provider, signed with `secret` exactly as that provider signs. */
const deliveries: Record<string, (secret: string) => Signed> = {
  square: (secret) => {
    const body = readFixture('square', 'payment-completed.json')
    return { body, headers: squareWebhookHeaders(body, secret, SQUARE_URL) }
  },
  clover: (secret) => {
    const body = readFixture('clover', 'notice.json')
    return { body, headers: { 'content-type': 'application/json', 'x-clover-auth': secret } }
  },
  shopify: (secret) => {
    const body = readFixture('shopify', 'order-paid.json')
    return { body, headers: shopifyWebhookHeaders(body, 'rotation.myshopify.com', { apiSecret: secret }) }
  },
  lightspeed: (secret) => {
    const body = lightspeedFormBody(JSON.parse(readFixture('lightspeed', 'sale-closed.json')).payload, {
      type: 'sale.update',
      retailerId: 'r-rotation',
      domainPrefix: 'rotation',
    })
    return {
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-signature': signLightspeedWebhook(body, secret),
      },
    }
  },
  toast: (secret) => {
    // Toast deliveries must carry a fresh signed timestamp (replay window).
    const body = JSON.stringify({
      ...JSON.parse(readFixture('toast', 'order-paid.json')),
      timestamp: new Date().toISOString(),
    })
    return { body, headers: toastWebhookHeaders(body, secret) }
  },
}

const post = (provider: string, d: Signed) =>
  getApp().request(`/webhooks/${provider}`, { method: 'POST', body: d.body, headers: d.headers })

describe.each(Object.keys(deliveries))('%s webhook secret rotation', (provider) => {
  const sign = deliveries[provider]!

  test('a delivery signed with the new secret and one signed with the old are both accepted', async () => {
    expect((await post(provider, sign(`${provider}-new`))).status).toBe(200)
    expect((await post(provider, sign(`${provider}-old`))).status).toBe(200)
    const stored = (await inboxRows(getApp().deps)).filter((r) => r.provider === provider)
    expect(stored.length).toBeGreaterThan(0)
  })

  test('a delivery signed with a secret no longer listed is refused and stores nothing', async () => {
    const before = (await inboxRows(getApp().deps)).length
    const res = await post(provider, sign(`${provider}-retired`))
    expect(res.status).toBe(401)
    expect((await res.json()).error.code).toBe('unauthorized')
    expect((await inboxRows(getApp().deps)).length).toBe(before)
  })
})

test('OAuth signs with the first (current) entry of a secret list', () => {
  const config = parseConfig({
    APP_ENV: 'test',
    SHOPIFY_API_SECRET: 'shopify-new,shopify-old',
    LIGHTSPEED_CLIENT_SECRET: ' lightspeed-new , lightspeed-old',
  })
  expect(providerSettings(config, 'shopify').clientSecret).toBe('shopify-new')
  expect(providerSettings(config, 'lightspeed').clientSecret).toBe('lightspeed-new')
  expect(config.pos.square.webhookSecrets).toEqual([])
})
