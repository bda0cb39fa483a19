// Chromium, end to end: a merchant watches the transactions page; a sale without identity
// arrives by webhook, is processed by the worker's job and appears without a reload (live event,
// ADR 0024; the fragment polls only without a stream) as unmatched; the
// merchant attaches a phone number and the row turns awarded, crediting that member's wallet.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import type { Browser } from 'playwright-core'
import type { Job } from 'bullmq'
import { processInboxEventsJob } from '../../jobs/process-inbox-events'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast, signIn } from '../helpers/identities'
import { balanceOf, inboxRows, linkMerchant, squarePayment, webhookSecrets } from '../pos/ingest/harness'

let browser: Browser
let server: { base: string; stop(): unknown } | undefined
// Registered before useTestApp (bun runs afterAll hooks in order): the page's event stream and
// the server close before the app's queues, Redis and database go.
afterAll(async () => {
  await browser?.close()
  server?.stop()
})
const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })

beforeAll(async () => {
  server = listen(getApp().app)
  browser = await launchBrowser()
}, 30_000)

const job = { attemptsMade: 0, opts: { attempts: 5 } } as Job
/** What the worker does with the rows waiting: the job handler, which announces what it applied. */
async function processWaiting() {
  const ids = (await inboxRows(getApp().deps)).filter((r) => r.status === 'received').map((r) => r.id)
  if (ids.length) await processInboxEventsJob(getApp().deps, { webhookEventIds: ids }, job)
}

test('an unmatched sale appears live, and attaching a phone awards it', async () => {
  const t = getApp()
  const cast = await makeCast(t.deps)
  await linkMerchant(t.deps, cast.tenant.id, 'square', 'MBROWSER01')
  const tokens = await signIn(t.deps, cast.owner.userId, cast.tenant.id)
  const ctx = await browser.newContext()
  await ctx.addCookies([
    { name: 'sa_access', value: tokens.access_token, url: server!.base, httpOnly: true, sameSite: 'Lax' },
  ])
  const page = await ctx.newPage()
  await page.goto(`${server!.base}/merchant/transactions`)
  expect(await page.locator('h1').textContent()).toBe('Transactions')
  expect(await page.locator('tr[data-state]').count()).toBe(0)

  // A walk-in sale: no phone, no email.
  const body = squarePayment({
    merchantId: 'MBROWSER01',
    eventId: 'browser-1',
    paymentId: 'browser-pay-1',
    total: 2_500,
  })
  const res = await t.request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
  await processWaiting()

  const row = page.locator('tr[data-state="unmatched"]')
  await row.waitFor({ timeout: 10_000 })
  expect(await row.textContent()).toContain('no phone number or email')
  await row.locator('input[name="contact"]').fill('(555) 555-0177')
  await row.locator('button', { hasText: 'Attach' }).click()
  const awarded = page.locator('tr[data-state="awarded"]')
  await awarded.waitFor({ timeout: 10_000 })
  expect(await awarded.locator('.points').textContent()).toBe('25')
  expect(await balanceOf(t.deps, cast.tenant.id, '+15555550177')).toBe(25)

  // A bad contact answers 422 with the row and a message, and awards nothing.
  const body2 = squarePayment({
    merchantId: 'MBROWSER01',
    eventId: 'browser-2',
    paymentId: 'browser-pay-2',
    total: 900,
  })
  await t.request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(
      body2,
      webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY,
      webhookSecrets.SQUARE_WEBHOOK_URL,
    ),
    body: body2,
  })
  await processWaiting()
  const second = page.locator('tr[data-state="unmatched"]')
  await second.waitFor({ timeout: 10_000 })
  await second.locator('input[name="contact"]').fill('not a contact')
  await second.locator('button', { hasText: 'Attach' }).click()
  await page.locator('tr[data-state="unmatched"] [role="alert"]').waitFor({ timeout: 10_000 })
  await ctx.close()
}, 60_000)
