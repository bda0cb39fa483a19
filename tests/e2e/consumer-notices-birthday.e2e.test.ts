// Chromium, end to end, the consumer's side of two engagement features (issue 15 items 4 and 7):
// ticking "email me" on a shop's wallet brings a "you earned" email for the next sale, whose
// unsubscribe link ends them; a birthday saved on the Account page brings the shop's birthday
// gift, explained in the wallet, when the hourly job runs on that day.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import type { Job } from 'bullmq'
import { and, asc, eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { processInboxEventsJob } from '../../jobs/process-inbox-events'
import { inTenant } from '../../src/infra/scope'
import { wallets } from '../../src/ledger'
import { members } from '../../src/members'
import { notifications } from '../../src/notify'
import { grantBirthdayGifts } from '../../src/occasions'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { addMembership, bearer, makeTenant, makeUser, signIn } from '../helpers/identities'
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
async function saleFor(merchantId: string, email: string, total: number) {
  const t = getApp()
  const n = ++sales
  const body = squarePayment({ merchantId, eventId: `cn-${n}`, paymentId: `cn-pay-${n}`, total, email })
  const res = await t.request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
  await processInboxEventsJob(
    t.deps,
    { webhookEventIds: (await inboxRows(t.deps)).filter((r) => r.status === 'received').map((r) => r.id) },
    job,
  )
}

async function walletOf(tenantId: string, userId: string) {
  const [w] = await inTenant(getApp().deps.dbh.db, { tenantId }, (tx) =>
    tx
      .select({ id: wallets.id })
      .from(wallets)
      .innerJoin(members, eq(members.id, wallets.memberId))
      .where(and(eq(members.tenantId, tenantId), eq(members.userId, userId))),
  )
  return w!.id
}

async function open(userId: string, path: string): Promise<Page> {
  const tokens = await signIn(getApp().deps, userId, null)
  const ctx = await browser.newContext()
  await ctx.addCookies([
    { name: 'sa_access', value: tokens.access_token, url: server!.base, httpOnly: true, sameSite: 'Lax' },
  ])
  const page = await ctx.newPage()
  await page.goto(`${server!.base}${path}`)
  return page
}

const emailsTo = async (to: string) =>
  (await getApp().deps.dbh.db.select().from(notifications).orderBy(asc(notifications.createdAt))).filter(
    (m) => m.to === to && m.channel === 'email',
  )

test('email consent on the wallet → "you earned" for the next sale → its unsubscribe link ends them', async () => {
  const t = getApp()
  const shop = await makeTenant(t.deps, { name: 'Tide Coffee' })
  await linkMerchant(t.deps, shop.id, 'square', 'MNOTE01')
  const rosa = await makeUser(t.deps, { email: 'rosa@tide.test' })
  await saleFor('MNOTE01', 'rosa@tide.test', 500) // her wallet: 5 points, no consent yet, no email
  expect(await emailsTo('rosa@tide.test')).toEqual([])

  const walletPath = `/wallets/${await walletOf(shop.id, rosa.id)}`
  const page = await open(rosa.id, walletPath)
  const email = page.locator('#notifications input[name="email"]')
  expect(await email.isChecked()).toBe(false)
  await email.check()
  await page.getByRole('button', { name: 'Save notification choices' }).click()
  await page.locator('#notifications [role="status"]:has-text("Saved.")').waitFor()
  expect(await page.locator('#notifications input[name="email"]').isChecked()).toBe(true)

  await saleFor('MNOTE01', 'rosa@tide.test', 3_000)
  const [earned, ...more] = await emailsTo('rosa@tide.test')
  expect(more).toEqual([])
  expect(earned!.subject).toBe('Tide Coffee: You earned 30 points. Your balance is now 35 points.')
  const link = /https?:\/\/[^/\s]+(\/unsubscribe\?token=\S+)/.exec(earned!.body)![1]!

  // From the email, not signed in: a fresh browser context.
  const anon = await (await browser.newContext()).newPage()
  await anon.goto(`${server!.base}${link}`)
  await anon.getByRole('button', { name: 'Unsubscribe' }).click()
  await anon.locator('h1:has-text("You will get no more emails from Tide Coffee.")').waitFor()

  await saleFor('MNOTE01', 'rosa@tide.test', 1_000)
  expect((await emailsTo('rosa@tide.test')).length).toBe(1)
  await page.goto(`${server!.base}${walletPath}`)
  expect(await page.locator('#notifications input[name="email"]').isChecked()).toBe(false)
}, 60_000)

test("a birthday saved on the Account page brings the shop's birthday gift on the day, explained in the wallet", async () => {
  const t = getApp()
  const shop = await makeTenant(t.deps, { name: 'Cake Corner' })
  const owner = await makeUser(t.deps, { email: 'owner@cake.test' })
  await addMembership(t.deps, owner.id, shop.id, 'merchant_owner')
  const published = await t.json('/api/v1/merchant/rules', {
    method: 'POST',
    headers: bearer(await signIn(t.deps, owner.id, shop.id)),
    body: {
      rule_set: {
        schema_version: 1,
        currency: 'USD',
        rules: [
          { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
          { kind: 'birthday_bonus', config: { points: 50 } },
        ],
      },
    },
  })
  expect(published.status).toBe(201)
  await linkMerchant(t.deps, shop.id, 'square', 'MCAKE01')
  const ben = await makeUser(t.deps, { email: 'ben@cake.test' })
  await saleFor('MCAKE01', 'ben@cake.test', 1_200) // 12 points

  const now = new Date()
  const [month, day] = now.toISOString().slice(5, 10).split('-') as [string, string] // the shop's zone is UTC
  const page = await open(ben.id, '/account')
  await page.selectOption('#birthday-month', month)
  await page.fill('#birthday-day', String(Number(day)))
  await page.getByRole('button', { name: 'Save birthday' }).click()
  await page.locator('#birthday-form [role="status"]:has-text("Saved.")').waitFor()

  await grantBirthdayGifts(t.deps, now) // the hourly job's use case
  await grantBirthdayGifts(t.deps, now) // once a year, however often it runs
  await page.goto(`${server!.base}/wallets/${await walletOf(shop.id, ben.id)}`)
  expect((await page.locator('#balance').textContent())?.trim()).toBe('62')
  const history = (await page.locator('main').textContent()) ?? ''
  expect(history).toMatch(/birthday/i)
  expect(history).toContain('50')
}, 60_000)
