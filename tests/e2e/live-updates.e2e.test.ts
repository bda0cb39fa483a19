// Chromium, end to end (ADR 0024): a consumer has their wallet open; a sale for them arrives by
// webhook and is processed by the worker's job; the balance changes without a reload, over the
// page's event stream (its 30 s fallback poll cannot explain it). The merchant's transactions
// page, connected the same way, shows the new sale.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import type { Job } from 'bullmq'
import { and, eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import type { Browser } from 'playwright-core'
import { processInboxEventsJob } from '../../jobs/process-inbox-events'
import { inTenant } from '../../src/infra/scope'
import { wallets } from '../../src/ledger'
import { members } from '../../src/members'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { addMembership, makeTenant, makeUser, signIn } from '../helpers/identities'
import { inboxRows, linkMerchant, squarePayment, webhookSecrets } from '../pos/ingest/harness'

const getApp = useTestApp({ ...webhookSecrets })
let browser: Browser
let server: { base: string; stop(): unknown } | undefined

beforeAll(async () => {
  server = listen(getApp().app)
  browser = await launchBrowser()
}, 30_000)
afterAll(async () => {
  await browser?.close()
  server?.stop()
})

const job = { attemptsMade: 0, opts: { attempts: 5 } } as Job
let sales = 0
/** A Square sale for this email, received by webhook and processed by the worker's job handler. */
async function saleFor(email: string, total: number) {
  const t = getApp()
  const n = ++sales
  const body = squarePayment({ merchantId: 'MLIVE01', eventId: `live-${n}`, paymentId: `live-pay-${n}`, total, email })
  const res = await t.request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
  const ids = (await inboxRows(t.deps)).filter((r) => r.status === 'received').map((r) => r.id)
  await processInboxEventsJob(t.deps, { webhookEventIds: ids }, job)
}

async function open(userId: string, tenantId: string | null, path: string): Promise<Page> {
  const tokens = await signIn(getApp().deps, userId, tenantId)
  const ctx = await browser.newContext()
  await ctx.addCookies([
    { name: 'sa_access', value: tokens.access_token, url: server!.base, httpOnly: true, sameSite: 'Lax' },
  ])
  const page = await ctx.newPage()
  await page.goto(`${server!.base}${path}`)
  // The event stream is connected. In the full suite on a clean clone (twice in a row on
  // 2026-11-30, never alone or in a full run elsewhere) a page's first stream did not connect
  // within 25 s; the cause is not yet known. A reload, what a reader would do, connects it, and
  // the live update below is still asserted over the stream.
  for (let attempt = 0; ; attempt++) {
    const live = await page
      .locator('body[data-live]')
      .waitFor({ timeout: 12_000 })
      .then(() => true)
      .catch(() => false)
    if (live) return page
    if (attempt === 1) throw new Error(`the event stream of ${path} did not connect, twice`)
    await page.reload()
  }
}

test('a sale for the consumer updates their open wallet, and the merchant sees it arrive', async () => {
  const t = getApp()
  const shop = await makeTenant(t.deps, { name: 'Live Beans' })
  await linkMerchant(t.deps, shop.id, 'square', 'MLIVE01')
  const owner = await makeUser(t.deps, { email: 'owner@live-beans.test' })
  await addMembership(t.deps, owner.id, shop.id, 'merchant_owner')
  const consumer = await makeUser(t.deps, { email: 'ana@live.test' })
  await saleFor('ana@live.test', 1_200) // the wallet exists: 12 points
  const [wallet] = await inTenant(t.deps.dbh.db, { tenantId: shop.id }, (tx) =>
    tx
      .select({ id: wallets.id })
      .from(wallets)
      .innerJoin(members, eq(members.id, wallets.memberId))
      .where(and(eq(members.tenantId, shop.id), eq(members.userId, consumer.id))),
  )

  const walletPage = await open(consumer.id, null, `/wallets/${wallet!.id}`)
  expect((await walletPage.locator('#balance').textContent())?.trim()).toBe('12')
  const merchantPage = await open(owner.id, shop.id, '/merchant/transactions')
  expect(await merchantPage.locator('tr[data-state]').count()).toBe(1)

  await saleFor('ana@live.test', 3_000) // +30 points
  await walletPage.waitForFunction(() => document.querySelector('#balance')?.textContent?.trim() === '42', undefined, {
    timeout: 10_000,
  })
  await merchantPage.locator('tr[data-state="awarded"]').nth(1).waitFor({ timeout: 10_000 })
  expect(await merchantPage.locator('tr[data-state]').count()).toBe(2)
}, 90_000)
