// Chromium, as staff and consumers use it (issue 13, items 1–4): a double-clicked confirm is
// one success, the till's countdown runs, a wrong code is named in plain words, the camera
// scan button appears only where the browser can scan, and the consumer's code page follows
// the code's state (used / cancelled / expired) while the wallet links to its live codes.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { sweepRedemptions } from '../../src/ledger'
import { linkMembersToUser } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast, signIn } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let browser: Browser
let base = ''
let stop: () => unknown = () => {}
const PHONE = { width: 390, height: 844 }

beforeAll(async () => {
  const l = listen(getApp().app)
  base = l.base
  stop = l.stop
  browser = await launchBrowser()
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await stop()
}, 30_000)

async function signedIn(
  userId: string,
  tenantId: string | null,
  viewport = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  const tokens = await signIn(getApp().deps, userId, tenantId)
  const ctx = await browser.newContext({ viewport })
  await ctx.addCookies([{ name: 'sa_access', value: tokens.access_token, url: base, httpOnly: true, sameSite: 'Lax' }])
  return ctx
}

/** A consumer with a wallet of `points` at a fresh shop, and that shop's staff. */
async function shopWithConsumer(points: number) {
  const { deps } = getApp()
  const db = deps.dbh.db
  const cast = await makeCast(deps)
  const { wallet } = await seedWallet(db, cast.tenant.id, { phone: cast.users.consumer.phone!, points })
  await linkMembersToUser(db, {
    id: cast.consumer.userId,
    phone: cast.users.consumer.phone,
    phoneVerifiedAt: new Date(),
  })
  const consumer = await (await signedIn(cast.consumer.userId, null, PHONE)).newPage()
  const staff = await (await signedIn(cast.staff.userId, cast.tenant.id)).newPage()
  return { cast, wallet, consumer, staff, db }
}

async function getCode(consumer: Page, walletId: string, points: number): Promise<string> {
  await consumer.goto(`${base}/wallets/${walletId}`)
  await consumer.fill('#points', String(points))
  await consumer.click('#redeem-form button[type=submit]')
  await consumer.waitForURL(/\/redemptions\/red_/)
  return ((await consumer.locator('#code').textContent()) ?? '').trim()
}

async function lookUp(staff: Page, code: string) {
  await staff.goto(`${base}/merchant/redeem`)
  await staff.fill('#code', code)
  await staff.click('#lookup-form button[type=submit]')
}

describe('at the till', () => {
  test('a double-clicked confirm sends one request and shows one success; the countdown runs', async () => {
    const { wallet, consumer, staff, db } = await shopWithConsumer(100)
    const code = await getCode(consumer, wallet.id, 40)
    await lookUp(staff, code)
    await staff.waitForSelector('#redeem-preview[data-state=issued]')

    // The countdown moves: two different readings, both m:ss.
    const countdown = staff.locator('#redeem-preview [data-countdown]')
    await staff.waitForFunction(() =>
      /^\d+:\d\d$/.test(document.querySelector('#redeem-preview [data-countdown]')?.textContent ?? ''),
    )
    const first = await countdown.textContent()
    await staff.waitForFunction((was) => {
      const now = document.querySelector('#redeem-preview [data-countdown]')?.textContent ?? ''
      return /^\d+:\d\d$/.test(now) && now !== was
    }, first)

    const posts: string[] = []
    staff.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/merchant/redeem/complete')) posts.push(r.url())
    })
    await staff.dblclick('#confirm-redeem')
    await staff.waitForSelector('#redeem-done')
    // Give a second request every chance to arrive and replace the success.
    await staff.waitForLoadState('networkidle')
    expect(posts).toHaveLength(1)
    expect(await staff.locator('#redeem-result').textContent()).toContain('Redeemed 40 points')
    expect(await staff.locator('#redeem-result [role=alert]').count()).toBe(0)
    expect((await walletSums(db, wallet.id)).balance).toBe(60)
  }, 60_000)

  test('two confirms racing from the same shop both answer the original success, through the form', async () => {
    const { wallet, consumer, staff, cast } = await shopWithConsumer(50)
    const code = await getCode(consumer, wallet.id, 20)
    await lookUp(staff, code)
    await staff.waitForSelector('#redeem-preview[data-state=issued]')
    // Two POSTs at once, as a double click without the disabled button would send them.
    const statuses = await staff.evaluate(async (c) => {
      const token = document.querySelector('meta[name=csrf-token]')?.getAttribute('content') ?? ''
      const send = () =>
        fetch('/merchant/redeem/complete', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true', 'x-csrf-token': token },
          body: `code=${c}`,
        }).then(async (r) => [r.status, await r.text()] as const)
      return Promise.all([send(), send()])
    }, code)
    for (const [status, html] of statuses) {
      expect(status).toBe(200)
      expect(html).toContain('Redeemed 20 points')
    }
    // Another shop's staff still cannot see it at all.
    const other = await makeCast(getApp().deps)
    const foreign = await (await signedIn(other.staff.userId, other.tenant.id)).newPage()
    await lookUp(foreign, code)
    await foreign.waitForSelector('#redeem-not-found')
    expect(cast.tenant.id).not.toBe(other.tenant.id)
  }, 60_000)

  test('a wrong code is named in plain words, normalised, without a reference id', async () => {
    const { staff } = await shopWithConsumer(10)
    await lookUp(staff, 'abcde fghjk')
    await staff.waitForSelector('#redeem-not-found')
    const text = (await staff.locator('#redeem-result').textContent()) ?? ''
    expect(text).toContain('No active code ABCDE-FGHJK at this shop')
    expect(text).not.toContain('Reference')
    expect(text).not.toContain('could not find that page')
  }, 30_000)

  test('the scan button is hidden without BarcodeDetector, and where it exists a scanned QR looks the code up', async () => {
    const { wallet, consumer, cast } = await shopWithConsumer(30)
    const code = await getCode(consumer, wallet.id, 10)

    const plain = await (await signedIn(cast.staff.userId, cast.tenant.id)).newPage()
    await plain.goto(`${base}/merchant/redeem`)
    await plain.waitForLoadState('load')
    const canScan = await plain.evaluate(() => 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia)
    expect(await plain.locator('#scan-code').isVisible()).toBe(canScan)
    expect(await plain.locator('#code').isVisible()).toBe(true)

    // A browser that has a camera and a QR reader (stand-ins for the device's own).
    const ctx = await signedIn(cast.staff.userId, cast.tenant.id)
    await ctx.addInitScript(
      (value: string) => {
        const w = window as unknown as Record<string, unknown>
        w.BarcodeDetector = class {
          async detect() {
            return [{ rawValue: value, format: 'qr_code' }]
          }
        }
        const canvas = document.createElement('canvas')
        Object.defineProperty(navigator, 'mediaDevices', {
          value: { getUserMedia: async () => canvas.captureStream() },
          configurable: true,
        })
      },
      code.replace('-', ''),
    )
    const scanner = await ctx.newPage()
    await scanner.goto(`${base}/merchant/redeem`)
    await scanner.waitForSelector('#scan-code:visible')
    await scanner.click('#scan-code')
    await scanner.waitForSelector('#redeem-preview[data-state=issued]')
    expect(await scanner.locator('#redeem-preview').textContent()).toContain('10 points')
  }, 60_000)
})

describe("the consumer's code page and wallet", () => {
  test('used: the page turns into "Enjoy! Given at …" with no code, QR, countdown or cancel', async () => {
    const { wallet, consumer, staff } = await shopWithConsumer(100)
    const code = await getCode(consumer, wallet.id, 1)
    expect(await consumer.locator('#redemption-card').textContent()).toContain('1 point at')
    expect(await consumer.locator('#redemption-card').textContent()).not.toContain('1 points')
    await lookUp(staff, code)
    await staff.waitForSelector('#redeem-preview[data-state=issued]')
    await staff.click('#confirm-redeem')
    await staff.waitForSelector('#redeem-done')

    await consumer.waitForSelector('#redemption-card[data-state=completed]', { timeout: 10_000 })
    const card = consumer.locator('#redemption-card')
    expect(await card.textContent()).toMatch(/Enjoy!\s*Given at \S+/)
    expect(await card.locator('img').count()).toBe(0)
    expect(await card.locator('[data-countdown]').count()).toBe(0)
    expect(await consumer.getByRole('button', { name: 'Cancel and return my points' }).count()).toBe(0)
    expect(await card.textContent()).not.toContain(code)
    // A reload shows the same.
    await consumer.reload()
    expect(await consumer.locator('#redemption-card').getAttribute('data-state')).toBe('completed')
  }, 60_000)

  test('a cancel tapped after staff confirmed shows what happened, not a bare 409', async () => {
    const { wallet, consumer, staff, db } = await shopWithConsumer(100)
    const code = await getCode(consumer, wallet.id, 25)
    // Staff confirm while the consumer's page still shows the cancel button (before its next poll).
    await lookUp(staff, code)
    await staff.waitForSelector('#redeem-preview[data-state=issued]')
    await staff.click('#confirm-redeem')
    await staff.waitForSelector('#redeem-done')
    const response = consumer.waitForResponse((r) => r.url().includes('/cancel'))
    await consumer.evaluate(() => (document.querySelector('#cancel-code') as HTMLButtonElement | null)?.form?.submit())
    expect((await response).status()).toBe(303)
    await consumer.waitForSelector('#redemption-card[data-state=completed]')
    expect((await walletSums(db, wallet.id)).balance).toBe(75)
  }, 60_000)

  test('cancelled and expired read in words; the points are back', async () => {
    const { wallet, consumer, db } = await shopWithConsumer(100)
    await getCode(consumer, wallet.id, 30)
    await consumer.click('#cancel-code')
    await consumer.waitForSelector('#redemption-card[data-state=cancelled]')
    expect(await consumer.locator('#redemption-card').textContent()).toContain('30 points are back in your wallet')
    expect(await consumer.locator('#redemption-card img').count()).toBe(0)

    await getCode(consumer, wallet.id, 20)
    // Other tests' codes in this database may be swept too; this one is among them.
    expect(await sweepRedemptions(db, new Date(Date.now() + 16 * 60_000))).toBeGreaterThanOrEqual(1)
    await consumer.waitForSelector('#redemption-card[data-state=expired]', { timeout: 10_000 })
    expect(await consumer.locator('#redemption-card').textContent()).toContain('expired unused')
    expect(await consumer.locator('#redemption-card [data-countdown]').count()).toBe(0)
    expect((await walletSums(db, wallet.id)).balance).toBe(100)
  }, 60_000)

  test('the wallet links to live codes and back; codes do not wrap on a phone; a refused redeem keeps header and typed value', async () => {
    const { wallet, consumer } = await shopWithConsumer(50)
    const code = await getCode(consumer, wallet.id, 15)
    const codePage = consumer.url()
    // The code stays on one line at 390 px.
    const box = await consumer.locator('#code').evaluate((el) => ({
      h: el.getBoundingClientRect().height,
      line: Number.parseFloat(getComputedStyle(el).fontSize),
    }))
    expect(box.h).toBeLessThan(box.line * 2.2)
    expect(await consumer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    await consumer.click('#back-to-wallet')
    await consumer.waitForURL(new RegExp(`/wallets/${wallet.id}$`))
    const live = consumer.locator('#live-codes a')
    expect(await live.count()).toBe(1)
    expect(await live.textContent()).toContain(code)
    await live.click()
    await consumer.waitForURL(codePage)

    // More than the balance: refused, on the same page with its header and the typed value.
    await consumer.goto(`${base}/wallets/${wallet.id}`)
    await consumer.fill('#points', '999')
    await consumer.locator('#points').evaluate((el) => el.removeAttribute('max'))
    await consumer.click('#redeem-form button[type=submit]')
    await consumer.waitForSelector('#points-error')
    expect(await consumer.inputValue('#points')).toBe('999')
    expect(await consumer.locator('header.topbar').getByRole('button', { name: 'Sign out' }).count()).toBe(1)
    expect(await consumer.locator('#points').getAttribute('aria-invalid')).toBe('true')
  }, 60_000)
})
