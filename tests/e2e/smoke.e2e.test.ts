import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Browser, Page } from 'playwright-core'
import { useTestApp } from '../helpers/app'
import { launchBrowser, listen } from '../helpers/browser'
import { makeCast } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'root@platform.test' })
let browser: Browser
let server: ReturnType<typeof listen>

beforeAll(async () => {
  browser = await launchBrowser()
  server = listen(getApp().app as never)
}, 30_000)
afterAll(async () => {
  await browser?.close()
  server?.stop()
})

async function openPage(path: string): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await browser.newPage()
  const consoleErrors: string[] = []
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
  page.on('pageerror', (e) => consoleErrors.push(e.message))
  await page.goto(`${server.base}${path}`)
  return { page, consoleErrors }
}

describe('portal smoke (Chromium)', () => {
  test('the landing page renders and leads to the three sign-ins', async () => {
    const { page, consoleErrors } = await openPage('/')
    expect(await page.title()).toBe('Welcome · SalesArck')
    const links = await page.$$eval('a.role-card', (as) => as.map((a) => a.getAttribute('href')))
    expect(links).toEqual(['/signin?as=consumer', '/signin?as=merchant', '/signin?as=admin'])
    // No CSP violations or script errors: htmx is configured by meta tag, not inline script.
    expect(consoleErrors).toEqual([])
    await page.close()
  })

  test('htmx loads the status fragment on load and swaps it again on click (account page, signed in)', async () => {
    const cast = await makeCast(getApp().deps)
    const context = await browser.newContext()
    await context.addCookies([
      {
        name: 'sa_access',
        value: cast.consumer.headers.authorization!.slice(7),
        url: server.base,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ])
    const page = await context.newPage()
    await page.goto(`${server.base}/account`)
    await page.waitForSelector('#status #status-list')
    expect(await page.textContent('#status')).toContain('Operational')
    const first = await page.textContent('#status time')
    await Bun.sleep(20)
    await page.click('#refresh-status')
    await page.waitForFunction((prev) => document.querySelector('#status time')?.textContent !== prev, first)
    expect(await page.$$('#status-list')).toHaveLength(1)
    await context.close()
  })

  test('it is readable on a phone: no horizontal scrolling at 375px', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } })
    await page.goto(`${server.base}/`)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await page.close()
  })

  test('an unknown address shows a full 404 page', async () => {
    const { page } = await openPage('/does-not-exist')
    expect(await page.textContent('h1')).toBe('We could not find that page')
    await page.close()
  })
})
