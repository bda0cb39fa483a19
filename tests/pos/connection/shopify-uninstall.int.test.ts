// Issue 12.11: app/uninstalled is signed over the body only, so a captured delivery can be
// replayed under another shop's X-Shopify-Shop-Domain. Routing follows the shop the signed body
// names, and nothing is revoked until Shopify confirms it (the stored token answers 401). A
// genuine uninstall still revokes the connection and emails its owner exactly once.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { notifications } from '../../../src/notify'
import { processInboxEvent } from '../../../src/pos/ingest'
import { shopifyWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { inboxRows, linkMerchant } from '../ingest/harness'
import { connectOverHttp, fakeEnv, startFakes } from './harness'

const fakes = startFakes()
const getApp = useTestApp(fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test' }))
const ATTACKER_SHOP = 'attacker-shop.myshopify.com'
let victim: Awaited<ReturnType<typeof makeCast>>
let attacker: Awaited<ReturnType<typeof makeCast>>

beforeAll(async () => {
  const t = getApp()
  victim = await makeCast(t.deps)
  await connectOverHttp(t, victim.owner.headers, 'shopify', fakes)
  // The attacker installed the app on their own shop, uninstalled it, and kept the delivery.
  attacker = await makeCast(t.deps)
  await linkMerchant(t.deps, attacker.tenant.id, 'shopify', ATTACKER_SHOP, 'shpat_attacker_token_no_longer_valid')
}, 60_000)
afterAll(async () => {
  for (const f of Object.values(fakes)) await f.stop()
})

/** The Shop payload Shopify signs for app/uninstalled. */
const shopBody = (shop: string) =>
  JSON.stringify({
    id: 548380009,
    name: 'A shop',
    domain: 'shop.example.com',
    myshopify_domain: shop,
    email: 'owner@example.com',
  })

async function deliver(body: string, headerShop: string) {
  const headers = shopifyWebhookHeaders(body, headerShop, {
    apiSecret: fakes.shopify.apiSecret,
    topic: 'app/uninstalled',
  })
  const res = await getApp().request('/webhooks/shopify', { method: 'POST', headers, body })
  expect(res.status).toBe(200)
  for (const row of await inboxRows(getApp().deps))
    if (row.status === 'received') await processInboxEvent(getApp().deps, row.id)
}

async function status(cast: typeof victim) {
  const r = await getApp().json<{ provider: string; status: string }[]>('/api/v1/merchant/connections', {
    headers: cast.owner.headers,
  })
  return r.body.find((c) => c.provider === 'shopify')?.status
}
const emailsTo = async (address: string) =>
  (await getApp().deps.dbh.db.select().from(notifications).where(eq(notifications.to, address))).length

describe('app/uninstalled', () => {
  test('another shop’s signed uninstall replayed with the victim’s shop header revokes nothing of the victim', async () => {
    await deliver(shopBody(ATTACKER_SHOP), fakes.shopify.shop)
    expect(await status(victim)).toBe('connected')
    expect(await emailsTo(victim.users.owner.email!)).toBe(0)
    // It was routed to the shop it was signed for, which really is uninstalled (its token answers 401).
    const row = (await inboxRows(getApp().deps)).at(-1)!
    expect(row.externalMerchantId).toBe(ATTACKER_SHOP)
    expect(await status(attacker)).toBe('disconnected')
  })

  test('a replay of the victim’s own uninstall while the app is still installed revokes nothing (Shopify answers 200)', async () => {
    await deliver(shopBody(fakes.shopify.shop), fakes.shopify.shop)
    expect(await status(victim)).toBe('connected')
    expect(await emailsTo(victim.users.owner.email!)).toBe(0)
  })

  test('a genuine uninstall revokes the connection and notifies the owner once, redeliveries included', async () => {
    fakes.shopify.oauth.revokeMerchant(fakes.shopify.shop)
    await deliver(shopBody(fakes.shopify.shop), fakes.shopify.shop)
    expect(await status(victim)).toBe('disconnected') // api-v1 shows revoked as disconnected
    expect(await emailsTo(victim.users.owner.email!)).toBe(1)
    await deliver(shopBody(fakes.shopify.shop), fakes.shopify.shop)
    expect(await emailsTo(victim.users.owner.email!)).toBe(1)
  })
})
