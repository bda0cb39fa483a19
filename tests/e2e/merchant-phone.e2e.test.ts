// Merchant pages on a 390 px phone (issue 13, item 7): no sideways scrolling on any of them,
// tables read as stacked rows, and the nav is a menu that opens without JavaScript.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser, BrowserContext } from 'playwright-core'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { PHONE, contextAs, seededDemo } from './demo-pages'

const getApp = useTestApp()
let browser: Browser
let server: ReturnType<typeof listen>
let owner: BrowserContext

const MERCHANT_PAGES = [
  '/merchant',
  '/merchant/redeem',
  '/merchant/transactions',
  '/merchant/members',
  '/merchant/rules',
  '/merchant/connections',
  '/merchant/settings',
  '/merchant/rewards',
  '/merchant/team',
]

beforeAll(async () => {
  browser = await launchBrowser()
  server = listen(getApp().app as never)
  const demo = await seededDemo(getApp().deps)
  owner = await contextAs(getApp().deps, browser, server.base, demo.owner.id, demo.brewhaus.id, PHONE)
}, 90_000)
afterAll(async () => {
  await browser?.close()
  server?.stop()
}, 30_000)

describe('merchant pages at 390 px', () => {
  for (const path of MERCHANT_PAGES) {
    test(`${path}: no sideways scrolling, no console errors`, async () => {
      const page = await owner.newPage()
      const errors: string[] = []
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
      page.on('pageerror', (e) => errors.push(e.message))
      const res = await page.goto(`${server.base}${path}`)
      expect(res?.status()).toBe(200)
      // Not 'networkidle': the transactions page keeps its live event stream open (ADR 0024).
      await page.waitForLoadState('load')
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > 391)
          .slice(0, 5)
          .map((el) => `${el.tagName}.${el.className}#${el.id}`),
      )
      expect(wide).toEqual([])
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      expect(errors).toEqual([])
      await page.close()
    }, 30_000)
  }

  test('the nav is a menu that opens without JavaScript and leads to each page', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false })
    await ctx.addCookies(await owner.cookies())
    const page = await ctx.newPage()
    await page.goto(`${server.base}/merchant/transactions`)
    const menu = page.locator('details.nav-menu')
    expect(await menu.isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: 'Members' }).isVisible()).toBe(false)
    await menu.locator('summary').click()
    await page.getByRole('link', { name: 'Members' }).click()
    await page.waitForURL(/\/merchant\/members$/)
    await ctx.close()
  }, 30_000)

  test('transactions read as stacked rows with their labels', async () => {
    const page = await owner.newPage()
    await page.goto(`${server.base}/merchant/transactions`)
    const row = page.locator('#txn-rows tr[data-state]').first()
    const cells = await row
      .locator('td')
      .evaluateAll((tds) =>
        tds.map((td) => ({ display: getComputedStyle(td).display, label: getComputedStyle(td, '::before').content })),
      )
    expect(cells.length).toBeGreaterThan(3)
    for (const c of cells) expect(c.display).toBe('block')
    expect(cells.map((c) => c.label)).toContain('"Amount"')
    await page.close()
  }, 30_000)
})
