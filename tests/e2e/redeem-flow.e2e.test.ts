// Chromium, end to end: consumer redeems → staff complete → a second till of the same shop
// confirming moments later sees the same success (not "already used") → an unused code's points
// come back after expiry, and the consumer's status flips to used/expired without a reload.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { type Browser, type BrowserContext, chromium } from 'playwright-core'
import { sweepRedemptions, walletsOfUser } from '../../src/ledger'
import { linkMembersToUser } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { makeCast, signIn } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let browser: Browser
let server: { stop(): unknown; server?: { port?: number } | null } | undefined
let base = ''

beforeAll(async () => {
  const listening = getApp().app.listen(0)
  server = listening as never
  base = `http://127.0.0.1:${listening.server!.port}`
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function signedIn(userId: string, tenantId: string | null): Promise<BrowserContext> {
  const tokens = await signIn(getApp().deps, userId, tenantId)
  const ctx = await browser.newContext()
  await ctx.addCookies([{ name: 'sa_access', value: tokens.access_token, url: base, httpOnly: true, sameSite: 'Lax' }])
  return ctx
}

describe('redemption in the browser', () => {
  test('redeem → staff complete → a second till moments later sees the same success → unused code expires and points return', async () => {
    const { deps } = getApp()
    const db = deps.dbh.db
    const cast = await makeCast(deps)
    const { wallet } = await seedWallet(db, cast.tenant.id, { phone: cast.users.consumer.phone!, points: 100 })
    // makeCast's consumer has verified this phone, so the member is theirs from its creation
    // (ADR 0014) and the sign-in-time link finds nothing left to do.
    expect((await walletsOfUser(db, cast.consumer.userId)).map((w) => w.walletId)).toEqual([wallet.id])
    expect(
      await linkMembersToUser(db, {
        id: cast.consumer.userId,
        phone: cast.users.consumer.phone,
        phoneVerifiedAt: new Date(),
      }),
    ).toEqual([])

    const consumer = await (await signedIn(cast.consumer.userId, null)).newPage()
    await consumer.goto(`${base}/wallets`)
    await consumer.click('.wallet-card')
    await expect(consumer.locator('#balance').textContent()).resolves.toContain('100')
    await consumer.fill('#points', '40')
    await consumer.click('#redeem-form button[type=submit]')
    await consumer.waitForURL(/\/redemptions\/red_/)
    const code = ((await consumer.locator('#code').textContent()) ?? '').trim()
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/)
    expect(await consumer.locator('img[alt^="QR"]').getAttribute('src')).toStartWith('data:image/png;base64,')
    await consumer.waitForFunction(() =>
      /^\d+:\d\d$/.test(document.querySelector('[data-countdown]')?.textContent ?? ''),
    )
    expect(await consumer.locator('#redemption-status').getAttribute('data-state')).toBe('issued')

    // Two tills look the code up; the first confirms, the second's confirm is refused.
    const staffCtx = await signedIn(cast.staff.userId, cast.tenant.id)
    const [till1, till2] = [await staffCtx.newPage(), await staffCtx.newPage()]
    for (const till of [till1, till2]) {
      await till.goto(`${base}/merchant/redeem`)
      await till.fill('#code', code.toLowerCase())
      await till.click('#lookup-form button')
      await till.waitForSelector('#redeem-preview[data-state=issued]')
      expect(await till.locator('#redeem-preview').textContent()).toContain('40 points')
      expect(await till.locator('#redeem-preview').textContent()).not.toContain(cast.users.consumer.phone!)
    }
    const first = till1.waitForResponse((r) => r.url().endsWith('/merchant/redeem/complete'))
    await till1.click('#confirm-redeem')
    expect((await first).status()).toBe(200)
    await till1.waitForSelector('#redeem-done')
    const second = till2.waitForResponse((r) => r.url().endsWith('/merchant/redeem/complete'))
    await till2.click('#confirm-redeem')
    expect((await second).status()).toBe(200)
    await till2.waitForSelector('#redeem-done:has-text("Redeemed 40 points")')
    expect(await walletSums(db, wallet.id)).toEqual({ balance: 60, ledger: 60, lots: 60 })

    // The consumer's screen learns by itself.
    await consumer.waitForSelector('#redemption-status[data-state=completed]', { timeout: 10_000 })

    // An unused code: points come back when it expires (sweeper run with a clock past the TTL).
    await consumer.goto(`${base}/wallets/${wallet.id}`)
    await consumer.fill('#points', '30')
    await consumer.click('#redeem-form button[type=submit]')
    await consumer.waitForURL(/\/redemptions\/red_/)
    expect((await walletSums(db, wallet.id)).balance).toBe(30)
    expect(await sweepRedemptions(db, new Date(Date.now() + 16 * 60_000))).toBe(1)
    await consumer.waitForSelector('#redemption-status[data-state=expired]', { timeout: 10_000 })
    expect(await consumer.locator('#redemption-status').textContent()).toContain('30 points are back')
    await consumer.goto(`${base}/wallets/${wallet.id}`)
    await expect(consumer.locator('#balance').textContent()).resolves.toContain('60')
    expect(await consumer.locator('table.ledger').textContent()).toContain('expired unused')
    expect(await walletSums(db, wallet.id)).toEqual({ balance: 60, ledger: 60, lots: 60 })
  }, 60_000)
})
