// Chromium: staff open the members page and recognise guests by the POS name and a masked
// contact (issue 13.6), search by name, open a member, and never see a whole phone or email.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import type { Browser } from 'playwright-core'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
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

test('the members page shows the masked-but-recognisable form to staff', async () => {
  const t = getApp()
  const cast = await makeCast(t.deps)
  const scope = { tenantId: cast.tenant.id }
  await findOrCreateMemberByIdentity(t.deps.dbh.db, scope, {
    phone: '+14155550142',
    email: 'guest.anna12@example.com',
    name: 'Anna Guest',
  })
  await findOrCreateMemberByIdentity(t.deps.dbh.db, scope, { phone: '+14155550977', email: 'guest.anna34@example.com' })
  const ctx = await browser.newContext()
  await ctx.addCookies([
    {
      name: 'sa_access',
      value: cast.staff.headers.authorization!.slice(7),
      url: server!.base,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ])
  const page = await ctx.newPage()
  await page.goto(`${server!.base}/merchant/members`)

  const rows = page.locator('#member-rows tr')
  expect(await rows.count()).toBe(2)
  const text = (await page.locator('#member-rows').textContent()) ?? ''
  expect(text).toContain('Anna Guest')
  expect(text).toContain('•••• 0142 · gu•••12@example.com')
  expect(text).toContain('•••• 0977')
  expect(text).toContain('gu•••34@example.com')
  for (const whole of ['+14155550142', '4155550142', 'guest.anna12@example.com', 'guest.anna34@example.com'])
    expect(await page.content()).not.toContain(whole)

  // Search by name narrows the rows (htmx swaps only the tbody).
  await page.fill('input[name="q"]', 'Anna G')
  await page.waitForFunction(() => document.querySelectorAll('#member-rows tr').length === 1)
  await page.click('#member-rows a')
  await page.waitForURL(/\/merchant\/members\/mbr_/)
  expect(await page.locator('h1').textContent()).toBe('Anna Guest')
  const detail = await page.content()
  expect(detail).toContain('•••• 0142 · gu•••12@example.com')
  expect(detail).not.toContain('guest.anna12@example.com')
  await ctx.close()
}, 30_000)
