// Chromium (issue 13, items 8 and 9): dates in the reader's zone everywhere, also on rows
// added live or by filtering; no raw ISO times or ids; partial refunds in words; confirmation
// before publishing rules, disconnecting or replaying a processed event; forms keep what was
// typed; an unconfigured POS says so in the page; no console (CSP) errors.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Job } from 'bullmq'
import type { Browser, Page } from 'playwright-core'
import { processInboxEventsJob } from '../../jobs/process-inbox-events'
import { listOutbox } from '../../src/notify'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast, signIn } from '../helpers/identities'
import { inboxRows, linkMerchant, squarePayment, squareRefund, webhookSecrets } from '../pos/ingest/harness'

const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })
let browser: Browser
let server: ReturnType<typeof listen>
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

beforeAll(async () => {
  server = listen(getApp().app)
  browser = await launchBrowser()
}, 30_000)
afterAll(async () => {
  await browser?.close()
  server?.stop()
}, 30_000)

async function pageAs(
  userId: string,
  tenantId: string | null,
  timezoneId = 'Asia/Tokyo',
): Promise<{ page: Page; errors: string[] }> {
  const tokens = await signIn(getApp().deps, userId, tenantId)
  const ctx = await browser.newContext({ timezoneId, locale: 'en-US' })
  await ctx.addCookies([
    { name: 'sa_access', value: tokens.access_token, url: server.base, httpOnly: true, sameSite: 'Lax' },
  ])
  const page = await ctx.newPage()
  const errors: string[] = []
  // A deliberate 4xx (a form answered with its errors) is logged by Chromium; anything else counts.
  page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()))
  page.on('pageerror', (e) => errors.push(e.message))
  return { page, errors }
}

async function deliver(body: string) {
  const t = getApp()
  const res = await t.request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
  // As the worker does: its job handler announces what it applied to the open pages (ADR 0024).
  const ids = (await inboxRows(t.deps)).filter((r) => r.status === 'received').map((r) => r.id)
  if (ids.length)
    await processInboxEventsJob(t.deps, { webhookEventIds: ids }, { attemptsMade: 0, opts: { attempts: 5 } } as Job)
}

/** Every <time> shows the reader's zone (set by public/app.js) and no ISO text is left. */
async function expectLocalTimes(page: Page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('time[datetime]')].every((t) => (t as HTMLElement).dataset.local === '1'),
  )
  expect(await page.locator('main').textContent()).not.toMatch(ISO)
}

describe('dates, words and refunds on the transactions page', () => {
  test('rows first rendered, added live and swapped by filtering all show local times; a partial refund is labelled', async () => {
    const t = getApp()
    const cast = await makeCast(t.deps)
    await linkMerchant(t.deps, cast.tenant.id, 'square', 'MWORDS01')
    await deliver(
      squarePayment({
        merchantId: 'MWORDS01',
        eventId: 'w-1',
        paymentId: 'w-pay-1',
        total: 5_500,
        email: 'ann@example.com',
      }),
    )
    await deliver(
      squareRefund({
        merchantId: 'MWORDS01',
        eventId: 'w-2',
        refundId: 'w-ref-1',
        paymentId: 'w-pay-1',
        amount: 2_700,
      }),
    )

    const { page, errors } = await pageAs(cast.owner.userId, cast.tenant.id)
    await page.goto(`${server.base}/merchant/transactions`)
    await expectLocalTimes(page)
    const refunded = page.locator('#txn-rows tr[data-state]').first()
    expect(await refunded.locator('.points').textContent()).toBe('Awarded 55, 27 reversed by refund')
    // Tokyo is UTC+9: the shown time is the reader's, not the server's UTC.
    const shown = await refunded
      .locator('time')
      .evaluate((el) => ({ text: el.textContent, iso: el.getAttribute('datetime') }))
    const tokyo = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(shown.iso!))
    expect(shown.text).toBe(tokyo)

    // A sale that arrives while the page is open (the poller's outerHTML swap).
    await deliver(
      squarePayment({
        merchantId: 'MWORDS01',
        eventId: 'w-3',
        paymentId: 'w-pay-2',
        total: 1_200,
        email: 'bo@example.com',
      }),
    )
    await page.waitForFunction(() => document.querySelectorAll('#txn-rows tr[data-state]').length === 2, undefined, {
      timeout: 10_000,
    })
    await expectLocalTimes(page)

    // Filtering swaps the rows: they are formatted too, and nothing is refused by the CSP.
    await page.selectOption('select[name=state]', 'unmatched')
    await page.waitForSelector('#txn-rows tr.empty')
    await page.selectOption('select[name=state]', '')
    await page.fill('input[name=q]', 'w-pay-2')
    await page.waitForFunction(() => document.querySelectorAll('#txn-rows tr[data-state]').length === 1)
    expect(await page.locator('#txn-rows tr[data-state]').textContent()).toContain('w-pay-2')
    await expectLocalTimes(page)
    expect(errors).toEqual([])
  }, 60_000)
})

describe('asking first, keeping what was typed', () => {
  test('publishing rules asks for confirmation; dismissing publishes nothing', async () => {
    const cast = await makeCast(getApp().deps)
    const { page, errors } = await pageAs(cast.owner.userId, cast.tenant.id)
    await page.goto(`${server.base}/merchant/rules`)
    const posts: string[] = []
    page.on(
      'request',
      (r) => r.method() === 'POST' && r.url().endsWith('/merchant/rules/publish') && posts.push(r.url()),
    )
    const asked: string[] = []
    page.once('dialog', (d) => {
      asked.push(d.message())
      void d.dismiss()
    })
    await page.click('#publish')
    await page.waitForLoadState('networkidle')
    expect(asked[0]).toContain('Publish these rules?')
    expect(posts).toHaveLength(0)
    page.once('dialog', (d) => void d.accept())
    const published = page.waitForResponse((r) => r.url().endsWith('/merchant/rules/publish'))
    await page.click('#publish')
    expect((await published).status()).toBeLessThan(500)
    expect(posts).toHaveLength(1)
    expect(errors).toEqual([])
  }, 30_000)

  test('"Connect Clover" on a server without Clover credentials says so in the page', async () => {
    const cast = await makeCast(getApp().deps)
    const { page } = await pageAs(cast.owner.userId, cast.tenant.id)
    await page.goto(`${server.base}/merchant/connections`)
    const clover = page.locator('[data-connect=clover]')
    expect(await clover.textContent()).toContain('Not available on this server yet')
    expect(await clover.getByRole('link').count()).toBe(0)
    await expectLocalTimes(page)
  }, 30_000)

  test('admin: tenant create keeps what was typed and says what to fix, then confirms and emails the owner', async () => {
    const cast = await makeCast(getApp().deps)
    const { page, errors } = await pageAs(cast.admin.userId, null)
    await page.goto(`${server.base}/admin/tenants`)
    await page.fill('#name', 'Corner Bakery')
    await page.fill('#slug', 'corner-bakery-')
    await page.fill('#owner_email', 'baker@corner.test')
    await page.click('#create-tenant-form button[type=submit]')
    await page.waitForSelector('#slug-error')
    expect(await page.inputValue('#name')).toBe('Corner Bakery')
    expect(await page.inputValue('#owner_email')).toBe('baker@corner.test')
    expect(await page.inputValue('#slug')).toBe('corner-bakery-')
    expect(await page.locator('#slug-error').textContent()).toContain('Use lowercase letters, digits and dashes')

    await page.fill('#slug', 'corner-bakery')
    await page.click('#create-tenant-form button[type=submit]')
    await page.waitForSelector('#tenant-created')
    expect(await page.locator('#tenant-created').textContent()).toContain(
      'We emailed an invitation to baker@corner.test',
    )
    expect(await page.locator('#tenant-rows').textContent()).toContain('Corner Bakery')
    expect(await page.locator('#tenant-rows').textContent()).toContain('Active')
    const mail = (await listOutbox(getApp().deps.dbh.db)).filter((m) => m.to === 'baker@corner.test')
    expect(mail).toHaveLength(1)
    expect(mail[0]!.body).toContain('/signin?as=merchant')
    expect(errors).toEqual([])
  }, 30_000)

  test('admin: audit actors by email; webhook statuses in words; replaying a processed event asks first', async () => {
    const t = getApp()
    const cast = await makeCast(t.deps)
    await linkMerchant(t.deps, cast.tenant.id, 'square', 'MWORDS02')
    await deliver(
      squarePayment({
        merchantId: 'MWORDS02',
        eventId: 'w-9',
        paymentId: 'w-pay-9',
        total: 800,
        email: 'cy@example.com',
      }),
    )
    const { page, errors } = await pageAs(cast.admin.userId, null)

    await page.goto(`${server.base}/admin/webhook-events?view=recent&merchant=MWORDS02`)
    const row = page.locator('tr[data-status=processed]').first()
    expect(await row.locator('.badge').first().textContent()).toBe('Processed')
    const replays: string[] = []
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/replay') && replays.push(r.url()))
    page.once('dialog', (d) => void d.dismiss())
    await row.getByRole('button', { name: 'Replay' }).click()
    await page.waitForLoadState('networkidle')
    expect(replays).toHaveLength(0)
    page.once('dialog', (d) => void d.accept())
    const replay = page.waitForResponse((r) => r.url().includes('/replay'))
    await row.getByRole('button', { name: 'Replay' }).click()
    expect((await replay).status()).toBe(200)
    await expectLocalTimes(page)

    await page.goto(`${server.base}/admin/audit`)
    const actors = await page.locator('table tbody tr td:nth-child(2)').allTextContents()
    expect(actors.length).toBeGreaterThan(0)
    expect(actors.join(' ')).toContain('admin@test.dev')
    expect(actors.join(' ')).not.toMatch(/usr_[0-9a-z]{6,}/)
    await expectLocalTimes(page)
    expect(errors).toEqual([])
  }, 60_000)
})
