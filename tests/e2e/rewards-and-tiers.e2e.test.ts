// Chromium, the consumer path of rewards and tiers (issue 15, items 1 and 6): the wallet says how
// far the next reward is and which tier the member is in → redeeming a reward → the code page
// names it → staff look the code up at the till and are told what to hand over.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser, BrowserContext } from 'playwright-core'
import { inTenant } from '../../src/infra/scope'
import { refreshMemberTier } from '../../src/ledger'
import { getActiveRules } from '../../src/rules'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast, signIn } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let browser: Browser
let base = ''
let stop: () => unknown = () => {}

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

async function signedIn(userId: string, tenantId: string | null): Promise<BrowserContext> {
  const tokens = await signIn(getApp().deps, userId, tenantId)
  const ctx = await browser.newContext()
  await ctx.addCookies([{ name: 'sa_access', value: tokens.access_token, url: base, httpOnly: true, sameSite: 'Lax' }])
  return ctx
}

describe('rewards and tiers in the browser', () => {
  test('wallet shows the next reward and the tier → redeem a reward → the code and the till name it', async () => {
    const { deps, json } = getApp()
    const db = deps.dbh.db
    const cast = await makeCast(deps)
    const rules = {
      schema_version: 1,
      currency: 'USD',
      rules: [
        { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
        {
          kind: 'tiers',
          config: {
            tiers: [
              { name: 'Silver', threshold: 100, multiplier: 1.25 },
              { name: 'Gold', threshold: 400, multiplier: 1.5 },
            ],
          },
        },
      ],
    }
    expect(
      (await json('/api/v1/merchant/rules', { method: 'POST', headers: cast.owner.headers, body: { rule_set: rules } }))
        .status,
    ).toBe(201)
    const put = await json('/api/v1/merchant/rewards', {
      method: 'PUT',
      headers: cast.owner.headers,
      body: [
        { name: 'Free drink', points: 100 },
        { name: '$5 off', points: 250 },
      ],
    })
    expect(put.status).toBe(200)
    const { wallet, scope } = await seedWallet(db, cast.tenant.id, { phone: cast.users.consumer.phone!, points: 160 })
    // As the award of those points would have done.
    await inTenant(db, scope, async (tx) =>
      refreshMemberTier(tx, scope, await getActiveRules(deps, cast.tenant.id), wallet.id, new Date()),
    )

    const consumer = await (await signedIn(cast.consumer.userId, null)).newPage()
    await consumer.goto(`${base}/wallets/${wallet.id}`)
    expect(await consumer.locator('#next-reward').textContent()).toBe('90 pts to $5 off')
    expect(await consumer.locator('#tier').textContent()).toStartWith('Silver · 240 pts to Gold')
    expect(await consumer.locator('button[data-reward="$5 off"]').isDisabled()).toBe(true)
    await consumer.click('button[data-reward="Free drink"]')
    await consumer.waitForURL(/\/redemptions\/red_/)
    expect(await consumer.locator('#reward-name').textContent()).toBe('Free drink')
    const code = ((await consumer.locator('#code').textContent()) ?? '').trim()
    expect((await walletSums(db, wallet.id)).balance).toBe(60)

    const till = await (await signedIn(cast.staff.userId, cast.tenant.id)).newPage()
    await till.goto(`${base}/merchant/redeem`)
    await till.fill('#code', code)
    await till.click('#lookup-form button')
    await till.waitForSelector('#redeem-preview[data-state=issued]')
    expect(await till.locator('#give-reward').textContent()).toBe('Give: Free drink')
    await till.click('#confirm-redeem')
    await till.waitForSelector('#redeem-done')
    expect(await till.locator('#redeem-done strong').textContent()).toBe('Give the customer: Free drink')
    // The consumer's page follows: used, and it still says what for.
    await consumer.waitForSelector('#redemption-status[data-state=completed]', { timeout: 10_000 })
    expect(await consumer.locator('#redemption-status').textContent()).toContain('Free drink for 100 points')
  }, 60_000)
})
