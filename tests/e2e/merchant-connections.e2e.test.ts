// Issue 7, Done-when: the merchant sees every state change in the portal (real Chromium) and
// gets one email per disconnection; reconnect is one click through the provider's consent page.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { refreshConnectionToken, revokeConnection } from '../../src/pos/connection'
import { useTestApp } from '../helpers/app'
import { launchBrowser } from '../helpers/browser'
import { makeCast, signIn } from '../helpers/identities'
import { connectOverHttp, fakeEnv, startFakes } from '../pos/connection/harness'
import { asSystem } from '../../src/infra/scope'
import { posConnections } from '../../src/pos/pos.schema'

// The consent page redirects the browser back to APP_BASE_URL, so the app needs a known port.
const probe = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response() })
const port = probe.port
probe.stop(true)
const base = `http://127.0.0.1:${port}`

const fakes = startFakes()
const getApp = useTestApp(
  fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test', APP_BASE_URL: base, COOKIE_SECURE: 'false' }),
)
let browser: Browser
let context: BrowserContext
let page: Page
let stop: () => void
let cast: Awaited<ReturnType<typeof makeCast>>

const emails = async (to: string) =>
  ((await (await fetch(`${base}/dev/outbox.json`)).json()) as { to: string; subject: string }[]).filter(
    (m) => m.to === to,
  )
const squareCard = () => page.locator('section.connection[data-provider="square"]')

beforeAll(async () => {
  const t = getApp()
  const running = t.app.listen({ port, hostname: '127.0.0.1' })
  stop = () => running.stop()
  cast = await makeCast(t.deps)
  await connectOverHttp(t, cast.owner.headers, 'square', fakes)
  browser = await launchBrowser()
  context = await browser.newContext()
  const tokens = await signIn(t.deps, cast.users.owner.id, cast.tenant.id)
  await context.addCookies([
    { name: 'sa_access', value: tokens.access_token, url: base, httpOnly: true, sameSite: 'Lax' },
  ])
  page = await context.newPage()
}, 60_000)
afterAll(async () => {
  await browser?.close()
  stop?.()
  for (const f of Object.values(fakes)) await f.stop()
})

describe('merchant connections page (Chromium)', () => {
  test('connected: health shown, no header badge', async () => {
    await page.goto(`${base}/merchant/connections`)
    await expect(squareCard().getAttribute('data-status')).resolves.toBe('connected')
    expect(await squareCard().locator('[data-role="status"]').textContent()).toBe('Connected')
    await page.waitForSelector('#connection-health.connection-health-ok', { state: 'attached' })
    const html = await page.content()
    expect(html).not.toMatch(/v1\.k1\.|at_[0-9a-f-]{36}|rt_[0-9a-f-]{36}/)
  })

  test('degraded: the reason, the last error and a header badge on every merchant page', async () => {
    const t = getApp()
    await asSystem(t.deps.dbh.db, (tx) =>
      tx.update(posConnections).set({ tokenExpiresAt: new Date(Date.now() - 60_000) }),
    )
    fakes.square.inner.failNext(503)
    expect(await refreshConnectionToken(t.deps, (await idOf('square'))!, { mode: 'scheduled' })).toBe('retry_scheduled')
    await page.goto(`${base}/merchant/redeem`)
    await page.waitForSelector('a#connection-health[data-health="degraded"]')
    await page.goto(`${base}/merchant/connections`)
    expect(await squareCard().getAttribute('data-status')).toBe('degraded')
    expect(await squareCard().locator('[data-role="last-error"]').textContent()).toBe(
      'token endpoint answered HTTP 503',
    )
    expect(await emails(cast.users.owner.email!)).toHaveLength(0)
  })

  test('revoked: shown as such with a Reconnect button; exactly one email', async () => {
    const t = getApp()
    await revokeConnection(t.deps, 'square', fakes.square.merchantId, 'the merchant revoked access in Square')
    await revokeConnection(t.deps, 'square', fakes.square.merchantId, 'the merchant revoked access in Square')
    await page.goto(`${base}/merchant/connections`)
    expect(await squareCard().getAttribute('data-status')).toBe('revoked')
    expect(await squareCard().locator('[data-role="status"]').textContent()).toBe('Access revoked')
    await page.waitForSelector('a#connection-health[data-health="disconnected"]')
    expect(await page.locator('details .history li').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('degraded → access revoked')]),
    )
    const mail = await emails(cast.users.owner.email!)
    expect(mail).toHaveLength(1)
    expect(mail[0]?.subject).toBe('Square is disconnected from SalesArck')
  })

  test('reconnect is one click through the consent page; disconnect sends no email', async () => {
    await squareCard().getByText('Reconnect').click()
    await page.waitForURL(`${base}/merchant/connections?connected=square`)
    expect(await page.locator('.alert-ok').textContent()).toBe('Square is connected.')
    expect(await squareCard().getAttribute('data-status')).toBe('connected')
    await page.waitForSelector('#connection-health.connection-health-ok', { state: 'attached' })
    // Disconnect asks first (a plain page, no JavaScript needed); keeping it changes nothing.
    await squareCard().getByRole('button', { name: 'Disconnect' }).click()
    await page.waitForSelector('#confirm-disconnect')
    expect(await page.locator('#confirm-disconnect').textContent()).toContain('Sales from Square stop earning points')
    await page.getByRole('link', { name: 'Keep it connected' }).click()
    await page.waitForURL(`${base}/merchant/connections`)
    expect(await squareCard().getAttribute('data-status')).toBe('connected')
    await squareCard().getByRole('button', { name: 'Disconnect' }).click()
    await page.getByRole('button', { name: 'Yes, disconnect' }).click()
    await page.waitForURL(`${base}/merchant/connections`)
    expect(await squareCard().getAttribute('data-status')).toBe('disconnected')
    expect(await squareCard().locator('.reason').textContent()).toBe('disconnected by the merchant')
    expect(await emails(cast.users.owner.email!)).toHaveLength(1)
  })
})

async function idOf(provider: 'square') {
  const rows = await asSystem(getApp().deps.dbh.db, (tx) => tx.select().from(posConnections))
  return rows.find((r) => r.provider === provider)?.id
}
