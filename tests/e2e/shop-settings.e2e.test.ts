// Chromium (issue 14.1): the owner picks a new time zone and sees which campaigns it moves
// before saving, saves a brand colour and logo, and the consumer's wallet card wears them.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser } from 'playwright-core'
import { linkMembersToUser } from '../../src/members'
import { launchBrowser, listen } from '../helpers/browser'
import { useTestApp } from '../helpers/app'
import { makeCast, signIn } from '../helpers/identities'
import { seedWallet } from '../helpers/ledger'

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

async function pageAs(userId: string, tenantId: string | null) {
  const tokens = await signIn(getApp().deps, userId, tenantId)
  const ctx = await browser.newContext()
  await ctx.addCookies([
    { name: 'sa_access', value: tokens.access_token, url: srv.base, httpOnly: true, sameSite: 'Lax' },
  ])
  return ctx.newPage()
}

describe('shop settings in the browser', () => {
  test('zone preview names the moved campaign; colour and logo reach the wallet card', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    const publish = await getApp().json('/api/v1/merchant/rules', {
      method: 'POST',
      headers: cast.owner.headers,
      body: {
        rule_set: {
          schema_version: 1,
          currency: 'USD',
          rules: [
            {
              kind: 'points_per_spend',
              config: { points: 1, per_minor_units: 100, include_tax: false, include_tip: false },
            },
            {
              kind: 'campaign_bonus',
              config: {
                name: 'Friday happy hour',
                starts_at: '2020-01-01T00:00',
                ends_at: null,
                windows: [{ days: ['fri'], start: '17:00', end: '19:00' }],
                points: 5,
              },
            },
          ],
        },
      },
    })
    expect(publish.status).toBe(201)

    const owner = await pageAs(cast.owner.userId, cast.tenant.id)
    await owner.goto(`${srv.base}/merchant/settings`)
    await owner.fill('#shop-time_zone', 'Asia/Tokyo')
    await owner.dispatchEvent('#shop-time_zone', 'change')
    await owner.waitForSelector('#zone-preview [data-campaign="Friday happy hour"]')
    expect(await owner.locator('#zone-preview').textContent()).toContain('9 hours earlier')
    await owner.fill('#shop-brand_color', '#1a6b3c')
    await owner.fill('#shop-logo_url', `${srv.base.replace('http:', 'https:')}/assets/favicon.svg`)
    await owner.click('#shop-form button[type=submit]')
    await owner.waitForSelector('#shop-saved')
    expect(await owner.locator('#shop-saved').textContent()).toContain('Friday happy hour')
    // The sample is coloured by /brand.css (no inline styles under the CSP) with readable white text.
    const sample = owner.locator('#brand-sample')
    await owner.waitForFunction(
      () => getComputedStyle(document.querySelector('#brand-sample')!).backgroundColor === 'rgb(26, 107, 60)',
    )
    expect(await sample.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)')

    // A typo is shown on its field and saves nothing.
    await owner.fill('#shop-contact_email', 'not an email')
    await owner.click('#shop-form button[type=submit]')
    await owner.waitForSelector('#shop-contact_email-error:has-text("email address")')
    expect(
      (
        await getApp().json<{ contact_email: string | null; time_zone: string }>('/api/v1/merchant/settings', {
          headers: cast.owner.headers,
        })
      ).body,
    ).toMatchObject({ contact_email: null, time_zone: 'Asia/Tokyo' })

    await seedWallet(deps.dbh.db, cast.tenant.id, { phone: cast.users.consumer.phone!, points: 10 })
    await linkMembersToUser(deps.dbh.db, {
      id: cast.consumer.userId,
      phone: cast.users.consumer.phone,
      phoneVerifiedAt: new Date(),
    })
    const consumer = await pageAs(cast.consumer.userId, null)
    await consumer.goto(`${srv.base}/wallets`)
    await consumer.waitForFunction(
      () => getComputedStyle(document.querySelector('.wallet-card')!).backgroundColor === 'rgb(26, 107, 60)',
    )
    expect(await consumer.locator('.wallet-card img.shop-logo').getAttribute('src')).toContain('/assets/favicon.svg')
  }, 60_000)
})
