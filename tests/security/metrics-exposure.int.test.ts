// Issue 12.13 and 12.16, through the real server process: /metrics is not on the public port
// (only on the private METRICS_PORT), the status fragment needs a session, and statuses that
// handlers return as Response objects (idempotent replies) are counted under their real status.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { generateKeySpec } from '../../src/auth/keys'
import { issueRedemption, redemptions } from '../../src/ledger'
import { asSystem, inTenant } from '../../src/infra/scope'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { seedWallet } from '../helpers/ledger'
import { type ServerProcess, startServer } from '../helpers/process'

// The process verifies the tokens this file signs.
const JWT_PRIVATE_KEYS = await generateKeySpec('metrics-test')
const getApp = useTestApp({ JWT_PRIVATE_KEYS, ADMIN_EMAILS: 'root@platform.test' })

let server: ServerProcess
let metricsBase: string

beforeAll(async () => {
  server = await startServer({
    APP_ENV: 'test',
    ROLE: 'web',
    DATABASE_URL: getApp().config.DATABASE_URL!,
    JWT_PRIVATE_KEYS,
    ADMIN_EMAILS: 'root@platform.test',
    METRICS_PORT: '0',
  })
  const port = /"port":(\d+),[^\n]*"msg":"metrics listening"/.exec(server.output())?.[1]
  if (!port) throw new Error(`no metrics listener:\n${server.output()}`)
  metricsBase = `http://127.0.0.1:${port}`
}, 30_000)
afterAll(async () => {
  server.proc.kill('SIGTERM')
  await server.exited
})

/** The value of http_requests_total for one label set (0 when absent). */
async function counted(method: string, route: string, status: number): Promise<number> {
  const text = await (await fetch(`${metricsBase}/metrics`)).text()
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('http_requests_total{') &&
        l.includes(`method="${method}"`) &&
        l.includes(`route="${route}"`) &&
        l.includes(`status="${status}"`),
    )
  return line ? Number(line.split(' ').at(-1)) : 0
}

describe('metrics are private', () => {
  test('the public port answers 404 for /metrics; the metrics port serves Prometheus text and nothing else', async () => {
    const pub = await fetch(`${server.base}/metrics`, { headers: { accept: 'application/json' } })
    expect(pub.status).toBe(404)
    expect(await pub.text()).not.toContain('http_requests_total')
    const priv = await fetch(`${metricsBase}/metrics`)
    expect(priv.status).toBe(200)
    expect(priv.headers.get('content-type')).toContain('text/plain')
    expect(await priv.text()).toContain('# TYPE http_requests_total counter')
    expect((await fetch(`${metricsBase}/api/v1/me`, { headers: { accept: 'application/json' } })).status).toBe(404)
    expect((await fetch(`${metricsBase}/`)).status).toBe(404)
  })
})

describe('the status fragment needs a session', () => {
  test('anonymous: 401 (htmx is sent to sign-in), no dependency names', async () => {
    const json = await fetch(`${server.base}/fragments/status`, { headers: { accept: 'application/json' } })
    expect(json.status).toBe(401)
    const htmx = await fetch(`${server.base}/fragments/status`, {
      headers: { 'hx-request': 'true' },
      redirect: 'manual',
    })
    expect(htmx.status).toBe(401)
    expect(htmx.headers.get('hx-redirect')).toContain('/signin')
    expect(await htmx.text()).not.toContain('Database')
    const landing = await (await fetch(`${server.base}/`)).text()
    expect(landing).not.toContain('/fragments/status')
  })

  test('signed in: the fragment lists the checks, and the account page loads it', async () => {
    const cast = await makeCast(getApp().deps)
    const frag = await fetch(`${server.base}/fragments/status`, {
      headers: { ...cast.consumer.headers, 'hx-request': 'true' },
    })
    expect(frag.status).toBe(200)
    const html = await frag.text()
    expect(html).toContain('id="status-list"')
    expect(html).toContain('Database')
    const token = cast.consumer.headers.authorization!.slice(7)
    const account = await (
      await fetch(`${server.base}/account`, { headers: { cookie: `sa_access=${token}`, accept: 'text/html' } })
    ).text()
    expect(account).toContain('hx-get="/fragments/status"')
  })
})

describe('statuses returned as Response objects are counted as they were sent', () => {
  const ROUTE = '/api/v1/merchant/redemptions/:code/complete'

  test('an idempotent write answering 200, then 409 (already used), then 404 (unknown code) is counted under each', async () => {
    const { deps } = getApp()
    const cast = await makeCast(deps)
    const { wallet, scope } = await seedWallet(deps.dbh.db, cast.tenant.id, { points: 500 })
    const r = await inTenant(deps.dbh.db, scope, (tx) =>
      issueRedemption(tx, scope, { walletId: wallet.id, points: 100, shopName: 'Shop', now: new Date() }),
    )
    const before = {
      ok: await counted('POST', ROUTE, 200),
      used: await counted('POST', ROUTE, 409),
      unknown: await counted('POST', ROUTE, 404),
    }
    const complete = (code: string) =>
      fetch(`${server.base}/api/v1/merchant/redemptions/${code}/complete`, {
        method: 'POST',
        headers: { ...cast.staff.headers, accept: 'application/json', 'idempotency-key': crypto.randomUUID() },
      })
    expect((await complete(r.code)).status).toBe(200)
    // A repeat confirm within two minutes is the same success (ADR 0021); after that it is a 409.
    await asSystem(deps.dbh.db, (tx) =>
      tx
        .update(redemptions)
        .set({ completedAt: new Date(Date.now() - 3 * 60_000) })
        .where(eq(redemptions.id, r.id)),
    )
    expect((await complete(r.code)).status).toBe(409)
    expect((await complete('ZZZZZZZZ')).status).toBe(404)
    expect(await counted('POST', ROUTE, 200)).toBe(before.ok + 1)
    expect(await counted('POST', ROUTE, 409)).toBe(before.used + 1)
    expect(await counted('POST', ROUTE, 404)).toBe(before.unknown + 1)
  })
})
