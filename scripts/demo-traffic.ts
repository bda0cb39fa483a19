// `bun run demo:traffic`: realistic signed webhooks for all five providers against a running
// instance, so the dev demo's dashboards and the merchant's transactions page fill up. Signs
// with the fakes' own code (tests/fakes), i.e. exactly as each provider does. Some deliveries
// are sent twice (as providers retry) and some sales are refunded, to show duplicates and
// reversals. Unlinked merchants are kept by the app for later linking; to link them first,
// set SALESARCK_ADMIN_TOKEN and DEMO_TENANT_ID (POST /api/v1/admin/tenants/{id}/connections).
//
// Env (dev defaults): BASE_URL, the webhook secrets of api-v1.md, DEMO_SALES (per provider),
// DEMO_RATE (requests per second).
import {
  lightspeedFormBody,
  signLightspeedWebhook,
  shopifyWebhookHeaders,
  squareWebhookHeaders,
  toastWebhookHeaders,
} from '../tests/fakes'

const env = process.env
const base = (env.BASE_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/$/, '')
// A rotating secret is a comma-separated list (README § Rotating webhook secrets): sign with the current, first one.
const current = (value: string | undefined, fallback: string) => value?.split(',')[0]?.trim() || fallback
const secrets = {
  square: current(env.SQUARE_WEBHOOK_SIGNATURE_KEY, 'square-signature-key'),
  squareUrl: env.SQUARE_WEBHOOK_URL ?? `${base}/webhooks/square`,
  clover: current(env.CLOVER_WEBHOOK_AUTH_CODE, 'clover-auth-code'),
  shopify: current(env.SHOPIFY_API_SECRET, 'shopify-api-secret'),
  lightspeed: current(env.LIGHTSPEED_CLIENT_SECRET, 'lightspeed-client-secret'),
  toast: current(env.TOAST_WEBHOOK_SECRET, 'toast-webhook-secret'),
}
const SALES = Number(env.DEMO_SALES ?? 20)
const RATE = Number(env.DEMO_RATE ?? 20)

const merchants = {
  square: 'DEMOSQUARE01',
  clover: 'DEMOCLOVER01',
  shopify: 'demo-shop.myshopify.com',
  lightspeed: 'demo-retailer-0001',
  toast: '0cd990c9-fd74-461d-8468-de2a0919ccbb',
} as const
type Provider = keyof typeof merchants
type Delivery = { provider: Provider; body: string; headers: Record<string, string> }

const rand = (n: number) => Math.floor(Math.random() * n)
const id = () => crypto.randomUUID()
const customer = () => {
  const n = rand(40)
  return { email: `guest${n}@example.com`, phone: `+1555010${String(n).padStart(4, '0')}` }
}
const now = () => new Date().toISOString()

function square(total: number): Delivery[] {
  const paymentId = id().replaceAll('-', '').slice(0, 24)
  const c = customer()
  const sale = JSON.stringify({
    merchant_id: merchants.square,
    type: 'payment.updated',
    event_id: id(),
    created_at: now(),
    data: {
      type: 'payment',
      id: paymentId,
      object: {
        payment: {
          id: paymentId,
          created_at: now(),
          amount_money: { amount: total, currency: 'USD' },
          total_money: { amount: total, currency: 'USD' },
          status: 'COMPLETED',
          source_type: 'CARD',
          buyer_email_address: c.email,
        },
      },
    },
  })
  const out = [
    { provider: 'square' as const, body: sale, headers: squareWebhookHeaders(sale, secrets.square, secrets.squareUrl) },
  ]
  if (rand(5) === 0) {
    const refund = JSON.stringify({
      merchant_id: merchants.square,
      type: 'refund.updated',
      event_id: id(),
      created_at: now(),
      data: {
        type: 'refund',
        id: id(),
        object: {
          refund: {
            id: id(),
            status: 'COMPLETED',
            amount_money: { amount: Math.floor(total / 2), currency: 'USD' },
            payment_id: paymentId,
            created_at: now(),
            updated_at: now(),
          },
        },
      },
    })
    out.push({
      provider: 'square',
      body: refund,
      headers: squareWebhookHeaders(refund, secrets.square, secrets.squareUrl),
    })
  }
  return out
}

function clover(): Delivery[] {
  const body = JSON.stringify({
    appId: 'DEMOAPP',
    merchants: {
      [merchants.clover]: [{ objectId: `O:${id().slice(0, 13).toUpperCase()}`, type: 'UPDATE', ts: Date.now() }],
    },
  })
  return [
    { provider: 'clover', body, headers: { 'content-type': 'application/json', 'x-clover-auth': secrets.clover } },
  ]
}

function shopify(total: number): Delivery[] {
  const c = customer()
  const orderId = rand(1e12)
  const body = JSON.stringify({
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    name: `#${rand(9999)}`,
    email: c.email,
    phone: c.phone,
    created_at: now(),
    processed_at: now(),
    currency: 'USD',
    total_price: (total / 100).toFixed(2),
    subtotal_price: (total / 100).toFixed(2),
    total_tax: '0.00',
    financial_status: 'paid',
    source_name: 'pos',
    customer: { id: rand(1e9), email: c.email, phone: c.phone },
  })
  return [
    {
      provider: 'shopify',
      body,
      headers: shopifyWebhookHeaders(body, merchants.shopify, { apiSecret: secrets.shopify, topic: 'orders/paid' }),
    },
  ]
}

function lightspeed(total: number): Delivery[] {
  const c = customer()
  const customerId = id()
  const payload = {
    id: id(),
    customer_id: customerId,
    customer: { id: customerId, email: c.email, phone: c.phone },
    sale_date: now(),
    status: 'CLOSED',
    version: Date.now(),
    total_price: total / 100,
    total_tax: 0,
    totals: { total_price: total / 100, total_tax: 0, total_payment: total / 100 },
    register_sale_payments: [{ amount: total / 100, currency: 'USD' }],
  }
  const body = lightspeedFormBody(payload, {
    type: 'sale.update',
    retailerId: merchants.lightspeed,
    domainPrefix: 'demo',
  })
  return [
    {
      provider: 'lightspeed',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-signature': signLightspeedWebhook(body, secrets.lightspeed),
      },
    },
  ]
}

function toast(total: number): Delivery[] {
  const c = customer()
  const amount = total / 100
  const body = JSON.stringify({
    timestamp: now(),
    eventCategory: 'order_updated',
    eventType: 'order_updated',
    guid: id(),
    details: {
      restaurantGuid: merchants.toast,
      order: {
        guid: id(),
        entityType: 'Order',
        openedDate: now(),
        closedDate: now(),
        paidDate: now(),
        voided: false,
        checks: [
          {
            guid: id(),
            paymentStatus: 'PAID',
            amount,
            taxAmount: 0,
            totalAmount: amount,
            payments: [{ guid: id(), amount, tipAmount: 0, type: 'CREDIT' }],
            customer: { guid: id(), email: c.email },
          },
        ],
      },
    },
  })
  return [{ provider: 'toast', body, headers: toastWebhookHeaders(body, secrets.toast) }]
}

async function linkMerchants() {
  const token = env.SALESARCK_ADMIN_TOKEN
  const tenant = env.DEMO_TENANT_ID
  if (!token || !tenant) return
  for (const [provider, external_merchant_id] of Object.entries(merchants)) {
    const res = await fetch(`${base}/api/v1/admin/tenants/${tenant}/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ provider, external_merchant_id }),
    })
    console.log(`link ${provider.padEnd(10)} → ${res.status}`)
  }
}

async function main() {
  await linkMerchants()
  const deliveries: Delivery[] = []
  for (let i = 0; i < SALES; i++) {
    const total = 300 + rand(9_700)
    deliveries.push(...square(total), ...clover(), ...shopify(total), ...lightspeed(total), ...toast(total))
  }
  // Providers retry: one delivery in ten arrives twice.
  for (const d of [...deliveries]) if (rand(10) === 0) deliveries.push(d)
  const tally = new Map<string, number>()
  console.log(`sending ${deliveries.length} signed webhooks to ${base} at ~${RATE}/s`)
  let sent = 0
  for (const d of deliveries.sort(() => Math.random() - 0.5)) {
    const started = performance.now()
    let status = 'network error'
    try {
      status = String(
        (await fetch(`${base}/webhooks/${d.provider}`, { method: 'POST', headers: d.headers, body: d.body })).status,
      )
    } catch {}
    const key = `${d.provider} ${status}`
    tally.set(key, (tally.get(key) ?? 0) + 1)
    sent++
    if (sent % 10 === 0 || sent === deliveries.length)
      console.log(
        `[${String(sent).padStart(4)}/${deliveries.length}] ${d.provider.padEnd(10)} ${status} ${Math.round(performance.now() - started)} ms`,
      )
    await Bun.sleep(Math.max(0, 1000 / RATE - (performance.now() - started)))
  }
  console.log('\nper provider and status:')
  for (const [k, v] of [...tally].sort()) console.log(`  ${k.padEnd(16)} ${v}`)
}

await main()
