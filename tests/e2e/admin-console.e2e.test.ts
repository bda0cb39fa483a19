// Chromium, end to end: a platform admin finds a person, is told inline that an adjustment
// needs a reason (422 swapped onto the field), adjusts with one, sees the new balance and then
// the record in the audit log; then finds a failed webhook event and replays it.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser, Page } from 'playwright-core'
import { asSystem } from '../../src/infra/scope'
import { inboxEvents } from '../../src/pos/pos.schema'
import { newId } from '../../src/shared/ids'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast, signIn } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let browser: Browser
let server: { base: string; stop(): unknown }

beforeAll(async () => {
  server = listen(getApp().app)
  browser = await launchBrowser()
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function adminPage(userId: string): Promise<Page> {
  const tokens = await signIn(getApp().deps, userId, null)
  const ctx = await browser.newContext()
  await ctx.addCookies([
    { name: 'sa_access', value: tokens.access_token, url: server.base, httpOnly: true, sameSite: 'Lax' },
    { name: 'sa_refresh', value: tokens.refresh_token, url: server.base, httpOnly: true, sameSite: 'Lax' },
  ])
  return ctx.newPage()
}

describe('admin console in the browser', () => {
  test('search → adjust with a reason → audit log; failed webhook → replay', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    const phone = '+14155550177'
    const { wallet } = await seedWallet(deps.dbh.db, cast.tenant.id, { phone, points: 100 })
    const eventId = newId('whk')
    await asSystem(deps.dbh.db, (tx) =>
      tx.insert(inboxEvents).values({
        id: eventId,
        provider: 'square',
        providerEventId: 'evt-e2e',
        externalMerchantId: 'SQ-E2E',
        tenantId: cast.tenant.id,
        eventType: 'payment.updated',
        rawBody: JSON.stringify({ buyer_email_address: 'raw.body@example.org' }),
        status: 'failed',
        attempts: 5,
        lastError: 'Error: rules unavailable',
      }),
    )
    const page = await adminPage(cast.admin.userId)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))

    await page.goto(`${server.base}/admin/people`)
    await page.fill('#q', '415-555-0177')
    await page.click('#people-search button[type=submit]')
    const balance = page.locator(`#balance-${wallet.id}`)
    await balance.waitFor()
    expect(await balance.textContent()).toBe('100 pts')
    expect(await page.locator('#people-results').textContent()).toContain('•••• 0177')
    expect(await page.content()).not.toContain(phone)

    // No reason: the 422 fills the field's message slot and keeps what was typed.
    await page.fill(`#adj-${wallet.id}-points`, '25')
    const refused = page.waitForResponse((r) => r.url().endsWith('/adjustments'))
    await page.click(`#adj-${wallet.id}-form button[type=submit]`)
    expect((await refused).status()).toBe(422)
    await page.waitForSelector(`#adj-${wallet.id}-reason-error:has-text("Give a reason")`)
    expect(await page.inputValue(`#adj-${wallet.id}-points`)).toBe('25')
    expect((await walletSums(deps.dbh.db, wallet.id)).balance).toBe(100)

    await page.fill(`#adj-${wallet.id}-reason`, 'Birthday bonus promised by phone')
    await page.click(`#adj-${wallet.id}-form button[type=submit]`)
    await page.waitForSelector(`#balance-${wallet.id}:has-text("125 pts")`)
    expect(await page.locator(`#adj-${wallet.id}-result`).textContent()).toContain('New balance 125 pts')
    expect(await page.locator(`#adj-${wallet.id}-reason-error`).textContent()).toBe('')
    expect(await page.inputValue(`#adj-${wallet.id}-points`)).toBe('')
    expect((await walletSums(deps.dbh.db, wallet.id)).balance).toBe(125)

    await page.click(`#adj-${wallet.id}-result a`)
    await page.waitForURL(/\/admin\/audit\?target_id=/)
    const row = page.locator('tr[data-action="wallet.adjust"]')
    expect(await row.count()).toBe(1)
    const text = (await row.textContent()) ?? ''
    expect(text).toContain('Birthday bonus promised by phone')
    expect(text).toContain('balance: 100 → 125')

    await page.click('nav a[href="/admin/webhook-events"]')
    const event = page.locator(`#whk-${eventId}`)
    await event.waitFor()
    expect(await event.getAttribute('data-status')).toBe('failed')
    expect(await page.content()).not.toContain('raw.body@example.org')
    await page.fill(`#replay-reason-${eventId}`, 'rules service is back')
    await page.click(`#whk-${eventId} button[type=submit]`)
    await page.waitForSelector(`#whk-${eventId}[data-status="received"]`)
    expect(await page.locator(`#whk-${eventId}`).textContent()).toContain('queued for processing again')

    await page.goto(`${server.base}/admin/audit?action=webhook_event.replay`)
    expect(await page.locator(`tr[data-action="webhook_event.replay"]`).textContent()).toContain(
      'rules service is back',
    )
    expect(errors).toEqual([])
  }, 60_000)
})
