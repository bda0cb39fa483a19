// Chromium, on a phone: the customer scans a receipt's claim QR (lands on /claim with the code
// filled in), claims it, and the wallet shows the points; a second tap says it is already claimed.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser } from 'playwright-core'
import { processInboxEvent } from '../../src/pos/ingest'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast, makeUser, signIn } from '../helpers/identities'
import { inboxRows, linkMerchant, webhookSecrets } from '../pos/ingest/harness'

const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })
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

describe('claiming a receipt in the browser', () => {
  test('scan the slip → claim → points in the wallet; tapping again is refused in words', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    await linkMerchant(deps, cast.tenant.id, 'square', 'MCLAIMUI01')
    const at = new Date().toISOString()
    const body = JSON.stringify({
      merchant_id: 'MCLAIMUI01',
      type: 'payment.updated',
      event_id: 'ui-1',
      created_at: at,
      data: {
        type: 'payment',
        id: 'ui-pay',
        object: {
          payment: {
            id: 'ui-pay',
            created_at: at,
            amount_money: { amount: 1_875, currency: 'USD' },
            total_money: { amount: 1_875, currency: 'USD' },
            status: 'COMPLETED',
          },
        },
      },
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
    const [txn] = (
      await getApp().json<{ id: string }[]>('/api/v1/merchant/transactions', { headers: cast.owner.headers })
    ).body
    const slip = (
      await getApp().json<{ claim_url: string; claim_code: string }>(`/api/v1/merchant/transactions/${txn!.id}/claim`, {
        headers: cast.owner.headers,
      })
    ).body

    const user = await makeUser(deps, { phone: '+14155550188' })
    const tokens = await signIn(deps, user.id, null)
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } })
    await ctx.addCookies([
      { name: 'sa_access', value: tokens.access_token, url: server.base, httpOnly: true, sameSite: 'Lax' },
    ])
    const page = await ctx.newPage()
    await page.goto(`${server.base}${new URL(slip.claim_url).pathname}${new URL(slip.claim_url).search}`)
    expect(await page.inputValue('#claim-code')).toBe(slip.claim_code)
    await page.click('form button[type=submit]')
    await page.waitForSelector('#claim-result[data-ok=true]')
    expect(await page.locator('#claim-result').textContent()).toContain('18 points added to your')
    await page.click('#claim-result a')
    await page.waitForURL(/\/wallets\/wal_/)
    expect(await page.locator('#balance').textContent()).toContain('18')

    await page.goto(`${server.base}/claim?code=${slip.claim_code}`)
    await page.click('form button[type=submit]')
    await page.waitForSelector('#claim-result[data-ok=false]')
    expect(await page.locator('#claim-result').textContent()).toContain('already been claimed')
  }, 60_000)
})
