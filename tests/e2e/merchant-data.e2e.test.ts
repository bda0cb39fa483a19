// Chromium: an owner brings members over from another system — preview the file (nothing saved,
// refusals listed by line), import it, find the member in Members — then exports the ledger
// with the page's progress bar and gets the file.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast, signIn } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
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

async function signedIn(userId: string, tenantId: string): Promise<BrowserContext> {
  const tokens = await signIn(getApp().deps, userId, tenantId)
  const ctx = await browser.newContext({ acceptDownloads: true })
  await ctx.addCookies([
    { name: 'sa_access', value: tokens.access_token, url: server.base, httpOnly: true, sameSite: 'Lax' },
  ])
  return ctx
}

describe('data page in the browser', () => {
  test('import preview → import → member visible; ledger export with progress', async () => {
    const cast = await makeCast(getApp().deps)
    const file = join(tmpdir(), `members-${process.pid}.csv`)
    writeFileSync(file, 'phone,email,name,points\n+14155550142,zoe@example.com,Zoe,80\n,broken-email,Nope,5\n')
    const page = await (await signedIn(cast.owner.userId, cast.tenant.id)).newPage()
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(`${server.base}/merchant/data`)
    await page.setInputFiles('#import-file', file)

    await page.click('#import-form button[value=true]')
    await page.waitForSelector('#import-report[data-dry-run=true]')
    const preview = await page.locator('#import-report').textContent()
    expect(preview).toContain('Preview: 1 member would be imported (1 new)')
    expect(preview).toContain('Nothing has been saved yet')
    expect(preview).toContain('the email address is not valid')

    // The file stays chosen after the preview: the same upload is imported.
    await page.click('#import-form button[value=false]')
    await page.waitForSelector('#import-report[data-dry-run=false]')
    expect(await page.locator('#import-report').textContent()).toContain('Imported: 1 opening balance credited')

    await page.goto(`${server.base}/merchant/members`)
    expect(await page.locator('main').textContent()).toContain('80')

    await page.goto(`${server.base}/merchant/data`)
    const download = page.waitForEvent('download')
    await page.click('a[href="/merchant/exports/ledger.csv"]')
    const saved = await (await download).path()
    await page.waitForFunction(() =>
      document.querySelector('#export-progress span')?.textContent?.includes('Done: 1 rows'),
    )
    expect(await page.locator('#export-progress progress').getAttribute('value')).toBe('1')
    const csv = await readFile(saved!, 'utf8')
    expect(csv.split('\r\n')[0]).toBe(
      'entry_id,wallet_id,type,points,balance_after,reference_type,reference_id,rule_version_id,explanation,created_at',
    )
    expect(csv).toContain(',import,80,80,member,')
    expect(errors).toEqual([])
  }, 60_000)
})
