// reliability-tests O6: tokens are ciphertext at rest, and no token string appears in logs,
// pages, API answers, emails, job payloads or error messages across a whole lifecycle.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import { Writable } from 'node:stream'
import { createLogger, setLogger } from '../../../src/infra/logger'
import { asSystem } from '../../../src/infra/scope'
import { notifications } from '../../../src/notify'
import { pollConnection, refreshConnectionToken } from '../../../src/pos/connection'
import { tokenCipher } from '../../../src/pos/connection/token-vault'
import { posConnections } from '../../../src/pos/pos.schema'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { connectOverHttp, fakeEnv, startFakes } from './harness'

const fakes = startFakes()
const getApp = useTestApp(fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test' }))
const lines: string[] = []
const seen = new Set<string>()

/** Records every token a provider hands out, from the token endpoint's own answers. */
const spy = async (url: string, init?: RequestInit) => {
  const res = await fetch(url, init)
  const text = await res.text()
  for (const m of text.matchAll(/"(?:access_token|refresh_token|accessToken)":"([^"]+)"/g)) seen.add(m[1]!)
  return new Response(text, { status: res.status, headers: res.headers })
}

beforeAll(() =>
  setLogger(
    createLogger(
      'debug',
      new Writable({
        write: (c, _e, cb) => {
          lines.push(String(c))
          cb()
        },
      }),
    ),
  ),
)
afterAll(async () => {
  setLogger(createLogger(process.env.LOG_LEVEL ?? 'warn'))
  for (const f of Object.values(fakes)) await f.stop()
})

test('no token leaves the vault', async () => {
  const t = getApp()
  const cast = await makeCast(t.deps)
  const surfaces: string[] = []
  for (const p of ['square', 'clover', 'shopify', 'lightspeed'] as const)
    await connectOverHttp(t, cast.owner.headers, p, fakes)
  const rows = await asSystem(t.deps.dbh.db, (tx) => tx.select().from(posConnections))
  await asSystem(t.deps.dbh.db, (tx) => tx.update(posConnections).set({ tokenExpiresAt: new Date(Date.now() - 1000) }))
  for (const r of rows) {
    await refreshConnectionToken(t.deps, r.id, { mode: 'scheduled', fetch: spy })
    await pollConnection(t.deps, r.id, { fetch: spy })
  }
  // A failure path too: the grant is revoked upstream, the refresh is refused.
  fakes.lightspeed.oauth.revokeMerchant(fakes.lightspeed.domainPrefix)
  const ls = rows.find((r) => r.provider === 'lightspeed')!
  await refreshConnectionToken(t.deps, ls.id, { mode: 'forced', fetch: spy })

  const cipher = await tokenCipher(t.config)
  for (const r of await asSystem(t.deps.dbh.db, (tx) => tx.select().from(posConnections))) {
    for (const env of [r.accessTokenEnc, r.refreshTokenEnc]) {
      if (!env) continue
      const plain = await cipher.decrypt(env)
      seen.add(plain)
      expect(env).not.toContain(plain)
    }
    surfaces.push(r.lastError ?? '', r.statusReason ?? '')
  }
  expect(seen.size).toBeGreaterThanOrEqual(6)
  surfaces.push(JSON.stringify((await t.json('/api/v1/merchant/connections', { headers: cast.owner.headers })).body))
  surfaces.push(
    await (
      await t.request('/merchant/connections', { headers: { ...cast.owner.headers, accept: 'text/html' } })
    ).text(),
  )
  surfaces.push(JSON.stringify(await t.deps.dbh.db.select().from(notifications)))
  for (const q of ['connections', 'pos-events'] as const)
    surfaces.push(JSON.stringify((await t.deps.queues.get(q).getJobs()).map((j) => j.data)))
  surfaces.push(...lines)
  const haystack = surfaces.join('\n')
  for (const token of seen) expect(haystack.includes(token)).toBe(false)
})
