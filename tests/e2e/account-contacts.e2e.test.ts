// Adding a second contact on the account page in real Chromium: the htmx form goes contact →
// code (a wrong code answered inline) → done, and the wallet earned under the new phone appears.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser } from 'playwright-core'
import { inTenant } from '../../src/infra/scope'
import { earn, ensureWallet } from '../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { listOutbox } from '../../src/notify'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeTenant } from '../helpers/identities'

const getApp = useTestApp()
let browser: Browser
let srv: { base: string; stop(): unknown }
beforeAll(async () => {
  browser = await launchBrowser()
  srv = listen(getApp().app)
})
afterAll(async () => {
  await browser?.close()
  srv?.stop()
})

const codeFor = async (to: string) =>
  (await listOutbox(getApp().deps.dbh.db)).find((m) => m.to === to)!.body.match(/\d{6}/)![0]

describe('account page: add a second contact', () => {
  test('enter a phone, a wrong code inline, the right code, and the phone’s wallet shows', async () => {
    const deps = getApp().deps
    const shop = await makeTenant(deps, { name: 'Phone Pastries' })
    const phone = '+14155550123'
    await inTenant(deps.dbh.db, { tenantId: shop.id }, async (tx) => {
      const member = await findOrCreateMemberByIdentity(tx, { tenantId: shop.id }, { phone })
      const wallet = await ensureWallet(tx, { tenantId: shop.id }, member.id)
      await earn(
        tx,
        { tenantId: shop.id },
        {
          walletId: wallet.id,
          points: 64,
          referenceType: 'pos_txn',
          referenceId: crypto.randomUUID(),
          ruleVersionId: null,
          explanation: '$64.00 → 64 pts',
        },
      )
    })

    const page = await browser.newPage()
    await page.goto(`${srv.base}/signin`)
    await page.fill('#destination', 'lea@example.com')
    await page.click('#destination-form button[type=submit]')
    await page.waitForSelector('#code')
    await page.fill('#code', await codeFor('lea@example.com'))
    await page.click('#code-form button[type=submit]')
    await page.waitForURL(`${srv.base}/wallets`)
    expect(await page.textContent('main')).not.toContain('Phone Pastries')

    await page.goto(`${srv.base}/account`)
    await page.fill('#contact-destination', '+1 415 555 0123')
    await page.click('#add-contact-form button[type=submit]')
    await page.waitForSelector('#contact-code')
    const code = await codeFor(phone)
    await page.fill('#contact-code', code === '000000' ? '111111' : '000000')
    await page.click('#contact-code-form button[type=submit]')
    await page.waitForSelector('#contact-code-error')
    expect(await page.textContent('#contact-code-error')).toContain('wrong or has expired')
    await page.fill('#contact-code', code)
    await page.click('#contact-code-form button[type=submit]')
    await page.waitForSelector('text=is now on your account')
    expect(await page.textContent('#contacts')).toContain(phone)

    await page.goto(`${srv.base}/wallets`)
    expect(await page.textContent('main')).toContain('Phone Pastries')
    // The account page now lists both contacts and offers no form.
    await page.goto(`${srv.base}/account`)
    expect(await page.textContent('#contact-list')).toContain('lea@example.com')
    expect(await page.textContent('#contact-list')).toContain(phone)
    expect(await page.locator('#add-contact-form').count()).toBe(0)
    await page.close()
  }, 60_000)
})
