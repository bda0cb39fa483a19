// The merchant rule editor in real Chromium with a real BullMQ worker: edit → an invalid value
// shows its message on the field and nothing is saved → fix → preview → back-test (progress,
// then the chart) → publish → the history shows version 2 with what changed.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser, Page } from 'playwright-core'
import { startWorkers, type WorkerRuntime } from '../../jobs/worker'
import { ACCESS_COOKIE } from '../../src/http/session-cookies'
import { inTenant } from '../../src/infra/scope'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { posTransactions } from '../../src/pos/pos.schema'
import { listRuleVersions } from '../../src/rules'
import { newId } from '../../src/shared/ids'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast, makeTenant, signIn } from '../helpers/identities'

// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let browser: Browser
let server: ReturnType<typeof listen>
let workers: WorkerRuntime
let tenantId: string
let ownerId: string

const DAY = 86_400_000
// Whole-dollar sales inside the last 90 days, by three members: 1 pt per $1 today gives their
// dollar sum; the draft (2 pts per $1, ×2 campaign running all period) gives four times that.
const SALES = [
  { member: 0, daysAgo: 3, dollars: 10 },
  { member: 0, daysAgo: 20, dollars: 25 },
  { member: 1, daysAgo: 20, dollars: 40 },
  { member: 1, daysAgo: 45, dollars: 12 },
  { member: 2, daysAgo: 80, dollars: 8 },
]

beforeAll(async () => {
  const deps = getApp().deps
  const t = await makeTenant(deps, { timeZone: 'America/New_York' })
  const cast = await makeCast(deps, t)
  tenantId = t.id
  ownerId = cast.users.owner.id
  const scope = { tenantId }
  const memberIds: string[] = []
  for (const phone of ['+14155550201', '+14155550202', '+14155550203'])
    memberIds.push((await findOrCreateMemberByIdentity(deps.dbh.db, scope, { phone, email: null })).id)
  await inTenant(deps.dbh.db, scope, (tx) =>
    tx.insert(posTransactions).values(
      SALES.map((s, i) => ({
        id: newId('txn'),
        tenantId,
        provider: 'square' as const,
        providerTransactionId: `e2e-${i}`,
        occurredAt: new Date(Date.now() - s.daysAgo * DAY),
        currency: 'USD',
        totalMinor: s.dollars * 100,
        memberId: memberIds[s.member]!,
        state: 'awarded' as const,
      })),
    ),
  )
  workers = await startWorkers(deps)
  browser = await launchBrowser()
  server = listen(getApp().app as never)
}, 30_000)

afterAll(async () => {
  await browser?.close()
  server?.stop()
})

async function ownerPage(): Promise<{ page: Page; consoleErrors: string[] }> {
  const tokens = await signIn(getApp().deps, ownerId, tenantId)
  const context = await browser.newContext()
  await context.addCookies([{ name: ACCESS_COOKIE, value: tokens.access_token, url: server.base }])
  const page = await context.newPage()
  const consoleErrors: string[] = []
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
  page.on('pageerror', (e) => consoleErrors.push(e.message))
  return { page, consoleErrors }
}

const field = (page: Page, name: string) => page.locator(`[name="${name}"]`)
const slot = (page: Page, name: string) => page.locator(`#err-${name.replaceAll('.', '-')}`)
const versionsSaved = () => inTenant(getApp().deps.dbh.db, { tenantId }, (tx) => listRuleVersions(tx, tenantId))

describe('merchant rule editor (Chromium)', () => {
  test('edit, refuse an invalid value on its field, fix, preview, back-test, publish, see history', async () => {
    const { page, consoleErrors } = await ownerPage()
    // Publishing asks first (issue 13, item 9); this owner says yes each time.
    const asked: string[] = []
    page.on('dialog', (d) => {
      asked.push(d.message())
      void d.accept()
    })
    await page.goto(`${server.base}/merchant/rules`)
    expect(await page.title()).toBe('Reward rules · SalesArck')
    expect(await field(page, 'spend.points').inputValue()).toBe('1')
    expect(await field(page, 'spend.per').inputValue()).toBe('1.00')

    // An invalid value: the message appears under that field, and publishing saves nothing.
    await field(page, 'spend.points').fill('0')
    await field(page, 'spend.points').press('Tab')
    await waitForText(slot(page, 'spend.points'), 'Award at least 1 point')
    await page.click('#publish')
    await page.waitForSelector('#publish-result .alert-error')
    expect(await page.textContent('#publish-result')).toContain('Nothing was saved')
    expect(await versionsSaved()).toHaveLength(1)

    // Fixed: the message goes away.
    await field(page, 'spend.points').fill('2')
    await field(page, 'spend.points').press('Tab')
    await waitForText(slot(page, 'spend.points'), '')

    // A campaign, added through the form (no JSON), running since well before the 90 days.
    await page.click('#add-campaign')
    await field(page, 'campaigns.0.name').waitFor()
    await field(page, 'campaigns.0.name').fill('Happy hour')
    await field(page, 'campaigns.0.value').fill('2')
    const start = new Date(Date.now() - 200 * DAY).toISOString().slice(0, 10)
    await field(page, 'campaigns.0.starts_at').fill(`${start}T00:00`)
    expect(await field(page, 'spend.points').inputValue()).toBe('2')

    // Preview a hypothetical sale: points and the sentence a customer would read.
    await field(page, 'sale.amount').fill('23.40')
    await page.click('#preview')
    await page.waitForSelector('#preview-sentence')
    expect(await page.textContent('#preview-sentence')).toBe('$23.40 → 46 pts × 2 Happy hour = 92 pts')

    // Back-test: a progress bar first (it polls itself), then the numbers and the chart.
    await page.click('#backtest')
    await page.waitForSelector('#backtest-run .progress')
    await page.waitForSelector('#backtest-run svg.chart', { timeout: 15_000 })
    expect(await page.$('#backtest-run[hx-get]')).toBeNull()
    const dollars = SALES.reduce((sum, s) => sum + s.dollars, 0)
    expect(await page.textContent('#bt-current')).toBe(`${dollars} pts`)
    expect(await page.textContent('#bt-draft')).toBe(`${dollars * 4} pts`)
    expect(await page.textContent('#bt-members')).toBe('3 (3 earn more, 0 earn less)')
    expect(await page.locator('#backtest-run svg.chart rect.bar-pos').count()).toBe(4)
    expect(await versionsSaved()).toHaveLength(1)

    // Publish: the page reloads on version 2, and the history says what changed.
    await page.click('#publish')
    await page.waitForURL(/\/merchant\/rules\?published=2$/)
    expect(asked.at(-1)).toContain('Publish these rules?')
    await page.waitForSelector('#history tr[data-version="2"]')
    const changes = await page.locator('#history tr[data-version="2"] li').allTextContents()
    expect(changes[0]).toBe('Points per spend: 1 pt per $1.00 → 2 pts per $1.00')
    expect(changes[1]).toStartWith("Added campaign 'Happy hour': ×2")
    expect(await page.textContent('#history tr[data-version="2"]')).toContain('live')
    expect(await field(page, 'campaigns.0.name').inputValue()).toBe('Happy hour')
    expect((await versionsSaved()).map((v) => v.version)).toEqual([2, 1])
    // 422s are the validation answers themselves; anything else (a CSP refusal, a script error) fails.
    expect(consoleErrors.filter((e) => !e.includes('status of 422'))).toEqual([])
  }, 60_000)
})

/** Polls like Playwright's toHaveText (bun:test's expect does not wait). */
async function waitForText(locator: { textContent(): Promise<string | null> }, text: string) {
  const end = Date.now() + 5_000
  let seen: string | null = null
  while (Date.now() < end) {
    seen = (await locator.textContent())?.trim() ?? null
    if (seen === text) return
    await Bun.sleep(25)
  }
  throw new Error(`expected text ${JSON.stringify(text)}, saw ${JSON.stringify(seen)}`)
}
