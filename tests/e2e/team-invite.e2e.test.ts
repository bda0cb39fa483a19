// Chromium, end to end (issue 14.2's main flow): the owner invites a cashier from the team
// page → the cashier opens the link in the message, signs in with the code (accepting the
// invitation) → completes a customer's redemption code at the till → the owner's team page
// shows the cashier with a last sign-in.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser } from 'playwright-core'
import { listOutbox } from '../../src/notify'
import { linkMembersToUser } from '../../src/members'
import { launchBrowser, listen } from '../helpers/browser'
import { useTestApp } from '../helpers/app'
import { makeCast, signIn } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let browser: Browser
let srv: { base: string; stop(): unknown }

beforeAll(async () => {
  srv = listen(getApp().app)
  browser = await launchBrowser()
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await srv?.stop()
})

const messagesTo = async (to: string) => (await listOutbox(getApp().deps.dbh.db)).filter((m) => m.to === to)

describe('team invitation in the browser', () => {
  test('invite → accept by signing in → the cashier completes a code → the owner sees them on the team', async () => {
    const { deps } = getApp()
    const db = deps.dbh.db
    const cast = await makeCast(deps)

    // The owner invites a cashier.
    const ownerTokens = await signIn(deps, cast.owner.userId, cast.tenant.id)
    const ownerCtx = await browser.newContext()
    await ownerCtx.addCookies([
      { name: 'sa_access', value: ownerTokens.access_token, url: srv.base, httpOnly: true, sameSite: 'Lax' },
    ])
    const owner = await ownerCtx.newPage()
    await owner.goto(`${srv.base}/merchant/team`)
    await owner.fill('#invite-destination', 'New.Cashier@Example.com')
    await owner.selectOption('#invite-role', 'merchant_staff')
    await owner.click('#invite-form button[type=submit]')
    await owner.waitForSelector('#team [role=status]:has-text("Invitation sent")')
    expect(await owner.locator('#team-invites').textContent()).toContain('new.cashier@example.com')

    // The cashier follows the link in the message; the address is already filled in.
    const [invite] = await messagesTo('new.cashier@example.com')
    const link = new URL(invite!.body.match(/https?:\/\/\S+/)![0])
    const cashier = await (await browser.newContext()).newPage()
    await cashier.goto(`${srv.base}${link.pathname}${link.search}`)
    expect(await cashier.inputValue('#destination')).toBe('new.cashier@example.com')
    await cashier.click('#destination-form button[type=submit]')
    await cashier.waitForSelector('#code')
    const [codeMessage] = await messagesTo('new.cashier@example.com')
    await cashier.fill('#code', codeMessage!.body.match(/\b\d{6}\b/)![0])
    await cashier.click('#code-form button[type=submit]')
    await cashier.waitForURL(`${srv.base}/merchant`)

    // A customer shows a code; the new cashier completes it.
    const { wallet } = await seedWallet(db, cast.tenant.id, { phone: cast.users.consumer.phone!, points: 80 })
    await linkMembersToUser(db, {
      id: cast.consumer.userId,
      phone: cast.users.consumer.phone,
      phoneVerifiedAt: new Date(),
    })
    const issued = await getApp().json<{ code: string }>('/api/v1/consumer/redemptions', {
      method: 'POST',
      headers: { ...cast.consumer.headers, 'idempotency-key': crypto.randomUUID() },
      body: { wallet_id: wallet.id, points: 50 },
    })
    expect(issued.status).toBe(201)
    await cashier.goto(`${srv.base}/merchant/redeem`)
    await cashier.fill('#code', issued.body.code)
    await cashier.click('#lookup-form button')
    await cashier.waitForSelector('#redeem-preview[data-state=issued]')
    const done = cashier.waitForResponse((r) => r.url().endsWith('/merchant/redeem/complete'))
    await cashier.click('#confirm-redeem')
    expect((await done).status()).toBe(200)
    await cashier.waitForSelector('#redeem-done')
    expect(await walletSums(db, wallet.id)).toEqual({ balance: 30, ledger: 30, lots: 30 })

    // The owner's team page now lists the cashier as staff, with a last sign-in, and no invitation waiting.
    await owner.goto(`${srv.base}/merchant/team`)
    const row = owner.locator('#team-members tr', { hasText: 'new.cashier@example.com' })
    expect(await row.getAttribute('data-role')).toBe('merchant_staff')
    expect(await row.locator('td').nth(2).textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    expect(await owner.locator('#team-invites').count()).toBe(0)
  }, 60_000)
})
