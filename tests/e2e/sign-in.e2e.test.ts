// The whole portal flow in real Chromium, for both providers: sign-in with a code (inline error
// on a wrong one, resend cool-down), cookies HttpOnly + SameSite=Lax, the tenant switcher, the
// admin tenants page (create, suspend with a reason), CSRF on forms, and sign-out.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { type Browser, chromium } from 'playwright-core'
import { listOutbox } from '../../src/notify'
import { type FakeSupabase, startFakeSupabase } from '../fakes/supabase'
import { useTestApp } from '../helpers/app'
import { addMembership, makeTenant, makeUser } from '../helpers/identities'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]
let browser: Browser
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS })
})
afterAll(() => browser?.close())

type Server = { base: string; stop(): void }
function serve(app: {
  listen(o: { port: number; hostname: string }): { server: { port?: number } | null; stop(): unknown }
}): Server {
  const s = app.listen({ port: 0, hostname: '127.0.0.1' })
  return { base: `http://127.0.0.1:${s.server?.port}`, stop: () => void s.stop() }
}

describe('portal sign-in (built-in provider)', () => {
  const getApp = useTestApp({ ADMIN_EMAILS: 'root@platform.test', OTP_RESEND_COOLDOWN_S: '2' })
  let srv: Server
  beforeAll(() => {
    srv = serve(getApp().app)
  })
  afterAll(() => srv?.stop())
  const codeFor = async (to: string) =>
    (await listOutbox(getApp().deps.dbh.db)).find((m) => m.to === to)!.body.match(/\d{6}/)![0]

  test('merchant: code, wrong code inline, resend cool-down, switcher, sign-out', async () => {
    const deps = getApp().deps
    const a = await makeTenant(deps, { name: 'Alpha Café' })
    const b = await makeTenant(deps, { name: 'Beta Books' })
    const u = await makeUser(deps, { email: 'multi@shops.test' })
    await addMembership(deps, u.id, a.id, 'merchant_owner')
    await addMembership(deps, u.id, b.id, 'merchant_staff')
    const page = await browser.newPage()
    await page.goto(`${srv.base}/signin?as=merchant`)
    // Inline error from a 400 fragment, without leaving the page.
    await page.fill('#destination', 'not an address')
    await page.click('#destination-form button[type=submit]')
    await page.waitForSelector('#destination-error')
    expect(await page.textContent('#destination-error')).toContain('Enter an email address or a phone number')
    await page.fill('#destination', ' Multi@Shops.test ')
    await page.click('#destination-form button[type=submit]')
    await page.waitForSelector('#code')
    expect(await page.isDisabled('#resend-form button')).toBe(true)
    await page.fill('#code', '000000' === (await codeFor('multi@shops.test')) ? '111111' : '000000')
    await page.click('#code-form button[type=submit]')
    await page.waitForSelector('#code-error')
    expect(await page.textContent('#code-error')).toContain('wrong or has expired')
    // The cool-down ends and a new code can be asked for.
    await page.waitForFunction(
      () => !(document.querySelector('#resend-form button') as HTMLButtonElement).disabled,
      null,
      { timeout: 5_000 },
    )
    await page.click('#resend-form button')
    await page.waitForSelector('text=A new code is on its way.')
    await page.fill('#code', await codeFor('multi@shops.test'))
    await page.click('#code-form button[type=submit]')
    await page.waitForURL(`${srv.base}/account`)
    const cookies = await page.context().cookies()
    const access = cookies.find((c) => c.name === 'sa_access')!
    expect(access).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' })
    expect(await page.evaluate(() => document.cookie)).not.toContain('sa_access')
    // Two shops: the top-bar switcher (auto-submits on change) picks the active one.
    await page.selectOption('#tenant-switch', b.id)
    await page.waitForURL(/\/account\?switched=1/)
    expect(await page.textContent('main')).toContain('Active shop: Beta Books')
    // Sign out: the session ends and the account page sends us to sign-in.
    await page.click('header form button:has-text("Sign out")')
    await page.waitForURL(`${srv.base}/`)
    await page.goto(`${srv.base}/account`)
    expect(page.url()).toContain('/signin?as=consumer&next=%2Faccount')
    await page.close()
  }, 30_000)

  test('admin: create a tenant and suspend it with a reason; a form without the CSRF token is refused', async () => {
    await makeUser(getApp().deps, { email: 'root@platform.test' })
    const page = await browser.newPage()
    await page.goto(`${srv.base}/signin?as=admin`)
    await page.fill('#destination', 'root@platform.test')
    await page.click('#destination-form button[type=submit]')
    await page.waitForSelector('#code')
    await page.fill('#code', await codeFor('root@platform.test'))
    await page.click('#code-form button[type=submit]')
    await page.waitForURL(`${srv.base}/admin/tenants`)
    await page.fill('#name', 'Gamma <Goods>')
    await page.fill('#slug', 'gamma')
    await page.fill('#owner_email', 'owner@gamma.test')
    await page.click('#create-tenant-form button[type=submit]')
    await page.waitForSelector('text=gamma')
    const row = page.locator('tr', { hasText: 'Gamma <Goods>' })
    // Missing reason: inline error in the row, nothing changes.
    await row.locator('input[name=reason]').evaluate((el) => el.removeAttribute('required'))
    await row.locator('button').click()
    await page.waitForSelector('text=Give a reason')
    await page.locator('tr', { hasText: 'Gamma <Goods>' }).locator('input[name=reason]').fill('unpaid invoices')
    await page.locator('tr', { hasText: 'Gamma <Goods>' }).locator('button').click()
    await page.waitForSelector('tr:has-text("Gamma <Goods>") .badge.err')
    // A cross-site style post without the token (no htmx header, no field) is refused.
    const status = await page.evaluate(
      async () =>
        (
          await fetch('/admin/tenants', {
            method: 'POST',
            body: new URLSearchParams({ name: 'x', slug: 'x', owner_email: 'x@x.co' }),
          })
        ).status,
    )
    expect(status).toBe(403)
    await page.close()
  }, 30_000)
})

describe('portal sign-in (AUTH_PROVIDER=supabase)', () => {
  let sb: FakeSupabase
  const env: Record<string, string> = { AUTH_PROVIDER: 'supabase' }
  beforeAll(async () => {
    sb = await startFakeSupabase()
    Object.assign(env, { SUPABASE_URL: sb.url, SUPABASE_ANON_KEY: sb.anonKey })
  })
  const getApp = useTestApp(env)
  let srv: Server
  beforeAll(() => {
    srv = serve(getApp().app)
  })
  afterAll(async () => {
    srv?.stop()
    await sb?.stop()
  })

  test('consumer signs in with a phone through Supabase, lands on their wallets, signs out', async () => {
    const page = await browser.newPage()
    await page.goto(`${srv.base}/signin?as=consumer`)
    await page.fill('#destination', '+1 555 010 0042')
    await page.click('#destination-form button[type=submit]')
    await page.waitForSelector('#code')
    await page.fill('#code', sb.lastCode('+15550100042')!)
    await page.click('#code-form button[type=submit]')
    // Consumers land on their wallets (none yet for this number).
    await page.waitForURL(`${srv.base}/wallets`)
    expect(await page.textContent('h1')).toBe('My wallets')
    await page.goto(`${srv.base}/account`)
    expect(await page.textContent('#roles')).toContain('consumer')
    await page.click('header form button:has-text("Sign out")')
    await page.waitForURL(`${srv.base}/`)
    await page.goto(`${srv.base}/account`)
    expect(page.url()).toContain('/signin')
    await page.close()
  }, 30_000)
})
