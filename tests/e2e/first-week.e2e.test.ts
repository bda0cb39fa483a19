// Chromium (issue 13, item 10): a new shop's first week. The overview is a getting-started
// checklist instead of zeros; inviting staff emails them and ticks the step; the QR poster
// prints on its own; a suspended shop's owner sees why and whom to contact; the admin's
// reconciliation table follows a running run; "My wallets" only for people who have one.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { reconciliationRuns } from '../../src/ledger'
import { linkMembersToUser } from '../../src/members'
import { listOutbox } from '../../src/notify'
import { newId } from '../../src/shared/ids'
import { setTenantStatus } from '../../src/tenancy'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { addMembership, makeCast, makeTenant, makeUser, signIn } from '../helpers/identities'
import { seedWallet } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev', SUPPORT_EMAIL: 'help@salesarck.test' })
let browser: Browser
let server: ReturnType<typeof listen>

beforeAll(async () => {
  server = listen(getApp().app)
  browser = await launchBrowser()
}, 30_000)
afterAll(async () => {
  await browser?.close()
  server?.stop()
}, 30_000)

async function pageAs(userId: string, tenantId: string | null): Promise<Page> {
  const tokens = await signIn(getApp().deps, userId, tenantId)
  const ctx = await browser.newContext()
  await ctx.addCookies([
    { name: 'sa_access', value: tokens.access_token, url: server.base, httpOnly: true, sameSite: 'Lax' },
  ])
  return ctx.newPage()
}

/** A shop fresh from the admin's "create": its owner and nobody else. */
async function newShop() {
  const { deps } = getApp()
  const tenant = await makeTenant(deps)
  const owner = await makeUser(deps, { email: `owner-${tenant.slug}@new.test` })
  await addMembership(deps, owner.id, tenant.id, 'merchant_owner')
  return { tenant, owner }
}

const navLabels = (page: Page) => page.locator('header.topbar nav.nav-wide a').allTextContents()

describe('a new shop', () => {
  test('sees a checklist instead of zeros; inviting staff emails them and ticks the step', async () => {
    const shop = await newShop()
    const page = await pageAs(shop.owner.id, shop.tenant.id)
    await page.goto(`${server.base}/merchant`)
    await page.waitForSelector('#getting-started')
    expect(await page.locator('#stats').count()).toBe(0)
    expect(await page.locator('svg.chart').count()).toBe(0)
    for (const step of ['#step-pos', '#step-rules', '#step-staff'])
      expect(await page.locator(step).getAttribute('data-done')).toBe('no')
    expect(await page.locator('#getting-started a').allTextContents()).toEqual([
      'Connect your POS',
      'Check your points rule',
      'Invite your staff',
      'Print the QR poster for customers',
    ])

    await page.click('#step-staff a')
    await page.waitForURL(/\/merchant\/team$/)
    await page.fill('#invite-destination', 'sam at shop')
    await page.click('#invite-form button[type=submit]')
    await page.waitForFunction(
      () => (document.querySelector('#invite-destination-error')?.textContent ?? '').trim().length > 0,
    )
    await page.fill('#invite-destination', 'Sam@Shop.test')
    await page.click('#invite-form button[type=submit]')
    await page.waitForSelector('#team .alert-ok')
    expect((await listOutbox(getApp().deps.dbh.db)).filter((m) => m.to === 'sam@shop.test')).toHaveLength(1)

    await page.goto(`${server.base}/merchant`)
    expect(await page.locator('#step-staff').getAttribute('data-done')).toBe('yes')
  }, 60_000)

  test('the QR poster leads customers to sign in and prints without the header', async () => {
    const shop = await newShop()
    const page = await pageAs(shop.owner.id, shop.tenant.id)
    await page.goto(`${server.base}/merchant`)
    await page.click('#step-poster a')
    await page.waitForURL(/\/merchant\/poster$/)
    expect(await page.locator('#poster h1').textContent()).toBe(shop.tenant.name)
    expect(await page.locator('#poster img').getAttribute('src')).toStartWith('data:image/png;base64,')
    expect(await page.locator('#poster').textContent()).toContain('/signin?as=consumer')
    expect(await page.locator('header.topbar').isVisible()).toBe(true)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('header.topbar').isVisible()).toBe(false)
    expect(await page.locator('#poster img').isVisible()).toBe(true)
  }, 30_000)

  test("a suspended shop's owner sees why and whom to contact", async () => {
    const { deps } = getApp()
    const shop = await newShop()
    await setTenantStatus(
      deps.dbh.db,
      'usr_admin',
      shop.tenant.id,
      'suspended',
      'The card on file was declined',
      new Date(),
    )
    const page = await pageAs(shop.owner.id, shop.tenant.id)
    const res = await page.goto(`${server.base}/merchant`)
    expect(res?.status()).toBe(403)
    const text = (await page.locator('#suspended').textContent()) ?? ''
    expect(text).toContain(`${shop.tenant.name} is suspended`)
    expect(text).toContain('The card on file was declined')
    expect(await page.locator('#suspended a[href="mailto:help@salesarck.test"]').count()).toBe(1)
  }, 30_000)
})

describe('admins and navs', () => {
  test('the reconciliation table follows a running run until it finishes', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    const id = newId('rec')
    await deps.dbh.db.insert(reconciliationRuns).values({ id, trigger: 'scheduled', startedAt: new Date() })
    const page = await pageAs(cast.admin.userId, null)
    await page.goto(`${server.base}/admin/reconciliation`)
    expect(await page.locator(`#run-${id}`).textContent()).toContain('Running')
    await deps.dbh.db
      .update(reconciliationRuns)
      .set({ walletsChecked: 7, findingsCount: 0, finishedAt: new Date() })
      .where(eq(reconciliationRuns.id, id))
    await page.waitForFunction(
      (rowId) => !document.querySelector(`#run-${rowId}`)?.textContent?.includes('Running'),
      id,
      { timeout: 10_000 },
    )
    expect(await page.locator(`#run-${id}`).textContent()).toContain('7')
    expect(await page.locator(`#run-${id}`).textContent()).toContain('Nightly')
    // Nothing running: the table stops asking.
    expect(await page.locator('#runs-table').getAttribute('hx-get')).toBeNull()
  }, 30_000)

  test('"My wallets" shows for consumers and for staff who collect points, not for other staff or admins', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    const owner = await pageAs(cast.owner.userId, cast.tenant.id)
    await owner.goto(`${server.base}/merchant/redeem`)
    expect(await navLabels(owner)).not.toContain('My wallets')
    const admin = await pageAs(cast.admin.userId, null)
    await admin.goto(`${server.base}/admin/tenants`)
    expect(await navLabels(admin)).not.toContain('My wallets')
    const consumer = await pageAs(cast.consumer.userId, null)
    await consumer.goto(`${server.base}/wallets`)
    expect(await navLabels(consumer)).toContain('My wallets')

    // Staff who also collect points at a shop see their wallets.
    await seedWallet(deps.dbh.db, cast.tenant.id, { email: cast.users.staff.email!, points: 5 })
    await linkMembersToUser(deps.dbh.db, {
      id: cast.staff.userId,
      email: cast.users.staff.email,
      emailVerifiedAt: new Date(),
    })
    const staff = await pageAs(cast.staff.userId, cast.tenant.id)
    await staff.goto(`${server.base}/merchant/redeem`)
    expect(await navLabels(staff)).toContain('My wallets')
  }, 30_000)
})
