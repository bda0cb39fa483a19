// Chromium, on a phone: Ana copies her invitation link from her wallet; her friend opens it,
// signs in with a code and lands on the shop's wallet; a sale for the friend arrives by webhook;
// both wallets then show their bonus, explained in the history, and Ana's says a friend joined.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser } from 'playwright-core'
import { ensureWallet } from '../../src/ledger'
import { findOrCreateMemberByIdentity, linkMembersToUser } from '../../src/members'
import { listOutbox } from '../../src/notify'
import { processInboxEvent } from '../../src/pos/ingest'
import { defaultRuleSet, publishRules } from '../../src/rules'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeTenant, makeUser, signIn } from '../helpers/identities'
import { inboxRows, linkMerchant, squarePayment, webhookSecrets } from '../pos/ingest/harness'

const getApp = useTestApp(webhookSecrets)
let browser: Browser
let server: { base: string; stop(): unknown }

beforeAll(async () => {
  server = listen(getApp().app)
  browser = await launchBrowser()
}, 30_000)
afterAll(async () => {
  await browser?.close()
  server?.stop()
})

describe('inviting a friend in the browser', () => {
  test('copy the link → the friend signs in through it → their first sale → both bonuses, explained', async () => {
    const { deps } = getApp()
    const shop = await makeTenant(deps, { name: 'Brew Haus' })
    await linkMerchant(deps, shop.id, 'square', 'MREFUI01')
    const base = defaultRuleSet('USD')
    await publishRules(
      deps,
      { tenantId: shop.id },
      {
        ruleSetInput: {
          ...base,
          rules: [
            ...base.rules,
            { kind: 'referral_bonus', config: { referrer_points: 100, friend_points: 50, monthly_cap: 5 } },
          ],
        },
        actorUserId: 'test',
        now: new Date(),
      },
    )
    const ana = await makeUser(deps, { email: 'ana@invite.test' })
    const anaMember = await findOrCreateMemberByIdentity(
      deps.dbh.db,
      { tenantId: shop.id },
      { email: 'ana@invite.test' },
    )
    const anaWallet = await ensureWallet(deps.dbh.db, { tenantId: shop.id }, anaMember.id)
    await linkMembersToUser(deps.dbh.db, { id: ana.id, email: 'ana@invite.test', emailVerifiedAt: new Date() })

    const anaCtx = await browser.newContext({ viewport: { width: 390, height: 844 } })
    await anaCtx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base })
    await anaCtx.addCookies([
      {
        name: 'sa_access',
        value: (await signIn(deps, ana.id, null)).access_token,
        url: server.base,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ])
    const anaPage = await anaCtx.newPage()
    await anaPage.goto(`${server.base}/wallets/${anaWallet.id}`)
    expect(await anaPage.locator('#invite').textContent()).toContain('you get 100 points and they get 50 points')
    await anaPage.click('#invite button[data-copy]')
    await anaPage.waitForSelector('#invite button:text("Copied")')
    const copied = await anaPage.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(await anaPage.inputValue('#invite-url'))

    const friendCtx = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const friend = await friendCtx.newPage()
    await friend.goto(`${server.base}${new URL(copied).pathname}`)
    expect(await friend.locator('h1').textContent()).toBe('A friend invites you to Brew Haus')
    await friend.click('#join')
    await friend.fill('#destination', 'bea@invite.test')
    await friend.click('#destination-form button[type=submit]')
    await friend.waitForSelector('#code')
    const code = (await listOutbox(deps.dbh.db)).find((m) => m.to === 'bea@invite.test')!.body.match(/\d{6}/)![0]
    await friend.fill('#code', code)
    await friend.click('#code-form button[type=submit]')
    await friend.waitForURL(/\/wallets\/wal_/)
    expect(await friend.locator('h1').first().textContent()).toBe('Brew Haus')
    expect(await friend.locator('#balance').textContent()).toBe('0')

    const body = squarePayment({
      merchantId: 'MREFUI01',
      eventId: 'ui-ref-1',
      paymentId: 'ui-ref-pay',
      total: 1_875,
      email: 'bea@invite.test',
    })
    await getApp().request('/webhooks/square', {
      method: 'POST',
      headers: squareWebhookHeaders(
        body,
        webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY,
        webhookSecrets.SQUARE_WEBHOOK_URL,
      ),
      body,
    })
    for (const row of await inboxRows(deps)) await processInboxEvent(deps, row.id)

    await friend.reload()
    expect(await friend.locator('#balance').textContent()).toBe('68')
    expect(await friend.locator('main').textContent()).toContain(
      'Welcome bonus for joining Brew Haus through a friend: 50 pts',
    )
    await anaPage.reload()
    expect(await anaPage.locator('#balance').textContent()).toBe('100')
    expect(await anaPage.locator('main').textContent()).toContain('Referral bonus: a friend joined Brew Haus: 100 pts')
    expect(await anaPage.locator('#invite-joined').textContent()).toBe(
      '1 friend joined through your link; 1 earned you a bonus.',
    )
  }, 90_000)
})
