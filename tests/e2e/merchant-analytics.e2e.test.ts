// Chromium: the owner opens the overview and reads the programme analytics — the figures, the
// SVG charts (each titled for screen readers), the table behind each chart, and another period.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser } from 'playwright-core'
import { rollupTenantActivity } from '../../src/analytics'
import { inTenant } from '../../src/infra/scope'
import { earn, ensureWallet } from '../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast, signIn } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let browser: Browser
let server: ReturnType<typeof listen> | undefined

beforeAll(async () => {
  server = listen(getApp().app)
  browser = await launchBrowser()
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('programme analytics in the browser', () => {
  test('owner sees the figures, both charts with their table fallbacks, and switches to 90 days', async () => {
    const { deps } = getApp()
    const db = deps.dbh.db
    const cast = await makeCast(deps)
    const scope = { tenantId: cast.tenant.id }
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000)
    // Two members whose first visits are moments apart, 61 days ago; one of them came back 2 days ago.
    await inTenant(db, scope, async (tx) => {
      const regular = await ensureWallet(
        tx,
        scope,
        (await findOrCreateMemberByIdentity(tx, scope, { email: 'regular@example.com' }, daysAgo(70))).id,
      )
      const once = await ensureWallet(
        tx,
        scope,
        (await findOrCreateMemberByIdentity(tx, scope, { email: 'once@example.com' }, daysAgo(70))).id,
      )
      const sale = (walletId: string, ref: string, points: number, at: Date) =>
        earn(tx, scope, {
          walletId,
          points,
          referenceType: 'pos_txn',
          referenceId: ref,
          ruleVersionId: null,
          explanation: 'x',
          now: at,
        })
      await sale(regular.id, 'v1', 30, daysAgo(61))
      await sale(once.id, 'v2', 20, new Date(daysAgo(61).getTime() + 1000))
      await sale(regular.id, 'v3', 40, daysAgo(2))
    })
    await rollupTenantActivity(db, scope.tenantId, new Date())

    const tokens = await signIn(deps, cast.owner.userId, cast.tenant.id)
    const ctx = await browser.newContext()
    await ctx.addCookies([
      { name: 'sa_access', value: tokens.access_token, url: server!.base, httpOnly: true, sameSite: 'Lax' },
    ])
    const page = await ctx.newPage()
    await page.goto(`${server!.base}/merchant`)
    // Last 30 days: only the regular visited, and has visited twice in all.
    await expect(page.locator('#repeat-visit-rate').textContent()).resolves.toBe('100.0 %')
    await expect(page.locator('#active-30').textContent()).resolves.toBe('1')
    // 90 points outstanding at the default $1.00 per 100 points.
    await expect(page.locator('#liability').textContent()).resolves.toBe('$0.90')
    await expect(page.locator('#points-chart title').first().textContent()).resolves.toBe(
      'Points issued, redeemed and expired in the last 30 days',
    )
    await expect(page.locator('#cohort-chart').getAttribute('role')).resolves.toBe('img')
    expect(await page.locator('#top-members tbody tr').count()).toBe(1)
    await expect(page.locator('#top-members').textContent()).resolves.toContain('regular@example.com')

    // The table behind the cohort chart is folded away until asked for.
    expect(await page.locator('#cohort-table').isVisible()).toBe(false)
    await page.click('summary:has-text("Retention as a table")')
    expect(await page.locator('#cohort-table').isVisible()).toBe(true)
    // Their cohort: two members, one of whom came back in a later month.
    const cohort = page
      .locator('#cohort-table tbody tr')
      .filter({ has: page.locator('td[data-label="Members"]', { hasText: /^2$/ }) })
    await expect(cohort.locator('td[data-label="Came back"]').textContent()).resolves.toContain(': 1 (50.0 %)')

    // Ninety days: both members visited; one of the two came back.
    await page.click('a:has-text("Last 90 days")')
    await page.waitForURL(/days=90/)
    await expect(page.locator('#repeat-visit-rate').textContent()).resolves.toBe('50.0 %')
    expect(await page.locator('#top-members tbody tr').count()).toBe(2)
    await ctx.close()
  }, 60_000)
})
