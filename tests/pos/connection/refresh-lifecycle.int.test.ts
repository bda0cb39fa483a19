// Issue 7 / reliability-tests §6: each provider refreshes; two processes refreshing at once
// make one upstream call (O2); a response without a refresh token keeps the old one (O3);
// rotation stores the newest token; transient failure → degraded + retry, never an email;
// invalid_grant and revocation webhooks → revoked once, one email, ingestion paused (O4/O5).
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { notifications } from '../../../src/notify'
import { asSystem } from '../../../src/infra/scope'
import { pollConnection, refreshConnectionToken, refreshDueTokens, revokeConnection } from '../../../src/pos/connection'
import { tokenCipher } from '../../../src/pos/connection/token-vault'
import { posConnections } from '../../../src/pos/pos.schema'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { connectOverHttp, fakeEnv, startFakes } from './harness'

const fakes = startFakes()
const env = fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test' })
const getApp = useTestApp(env)
let cast: Awaited<ReturnType<typeof makeCast>>
const ids: Record<string, string> = {}

const db = () => getApp().deps.dbh.db
const row = async (provider: string) =>
  (await asSystem(db(), (tx) => tx.select().from(posConnections).where(eq(posConnections.id, ids[provider]!))))[0]!
const expire = (provider: string) =>
  asSystem(db(), (tx) =>
    tx
      .update(posConnections)
      .set({ tokenExpiresAt: new Date(Date.now() - 60_000) })
      .where(eq(posConnections.id, ids[provider]!)),
  )
const open = async (env: string | null) => (env ? (await tokenCipher(getApp().config)).decrypt(env) : null)
const emailsTo = async (to: string) => (await db().select().from(notifications).where(eq(notifications.to, to))).length

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  for (const p of ['square', 'clover', 'shopify', 'lightspeed'] as const) {
    await connectOverHttp(getApp(), cast.owner.headers, p, fakes)
    const [r] = await asSystem(db(), (tx) => tx.select().from(posConnections).where(eq(posConnections.provider, p)))
    ids[p] = r!.id
  }
}, 30_000)
afterAll(async () => {
  for (const f of Object.values(fakes)) await f.stop()
})

describe('refresh daemon', () => {
  test('each provider: expired tokens are renewed through its own token endpoint; fresh ones are left alone', async () => {
    for (const p of ['square', 'clover', 'shopify', 'lightspeed']) await expire(p)
    const results = await refreshDueTokens(getApp().deps)
    for (const p of ['square', 'clover', 'shopify', 'lightspeed'] as const) {
      expect(results[ids[p]!]).toBe('refreshed')
      expect(fakes[p].oauth.calls.refresh).toBe(1)
      const r = await row(p)
      expect(r.status).toBe('connected')
      expect(r.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now())
      // The stored token is the new one and the provider accepts it.
      expect(fakes[p].oauth.authenticate(await open(r.accessTokenEnc))).not.toBeNull()
    }
    expect(await refreshDueTokens(getApp().deps)).toEqual({})
  })

  test('rotation: the newest refresh token is stored, so the next rotation works too', async () => {
    const before = await open((await row('lightspeed')).refreshTokenEnc)
    await expire('lightspeed')
    expect(await refreshConnectionToken(getApp().deps, ids.lightspeed!, { mode: 'scheduled' })).toBe('refreshed')
    const after = await open((await row('lightspeed')).refreshTokenEnc)
    expect(after).not.toBe(before)
    await expire('lightspeed')
    expect(await refreshConnectionToken(getApp().deps, ids.lightspeed!, { mode: 'scheduled' })).toBe('refreshed')
    expect((await row('lightspeed')).status).toBe('connected')
  })

  test('a refresh response without refresh_token keeps the stored one (O3)', async () => {
    const before = await open((await row('square')).refreshTokenEnc)
    const stripping = async (url: string, init?: RequestInit) => {
      const res = await fetch(url, init)
      const body = (await res.json()) as Record<string, unknown>
      delete body.refresh_token
      return Response.json(body, { status: res.status })
    }
    await expire('square')
    expect(await refreshConnectionToken(getApp().deps, ids.square!, { mode: 'scheduled', fetch: stripping })).toBe(
      'refreshed',
    )
    expect(await open((await row('square')).refreshTokenEnc)).toBe(before)
  })

  test('two processes refreshing the same expired token make ONE upstream call (O2)', async () => {
    await expire('shopify')
    const calls = fakes.shopify.oauth.calls.refresh
    const startAt = Date.now() + 1_500
    const childEnv = {
      ...process.env,
      ...env,
      DATABASE_URL: getApp().config.DATABASE_URL!,
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
    }
    const run = () =>
      Bun.spawn(['bun', 'tests/pos/connection/refresh-child.ts', ids.shopify!, String(startAt)], {
        cwd: `${import.meta.dir}/../../..`,
        env: childEnv,
        stdout: 'pipe',
        stderr: 'pipe',
      })
    const children = [run(), run()]
    const outs = await Promise.all(
      children.map(async (c) => {
        const text = await new Response(c.stdout).text()
        await c.exited
        return text
      }),
    )
    const outcomes = outs.map((o) => (JSON.parse(o.trim().split('\n').at(-1)!) as { outcome: string }).outcome).sort()
    expect(outcomes).toEqual(['not_due', 'refreshed'])
    expect(fakes.shopify.oauth.calls.refresh - calls).toBe(1)
    expect(fakes.shopify.oauth.authenticate(await open((await row('shopify')).accessTokenEnc))).toBe(fakes.shopify.shop)
  }, 30_000)

  test('twenty concurrent refreshes in one process also make one call', async () => {
    await expire('clover')
    const calls = fakes.clover.oauth.calls.refresh
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => refreshConnectionToken(getApp().deps, ids.clover!, { mode: 'scheduled' })),
    )
    expect(outcomes.filter((o) => o === 'refreshed')).toHaveLength(1)
    expect(fakes.clover.oauth.calls.refresh - calls).toBe(1)
  })
})

describe('failures', () => {
  test('transient token-endpoint failure → degraded with the reason, a delayed retry, no email; success heals it', async () => {
    const owner = cast.users.owner.email!
    const emails = await emailsTo(owner)
    await expire('shopify')
    fakes.shopify.inner.failNext(503)
    expect(await refreshConnectionToken(getApp().deps, ids.shopify!, { mode: 'scheduled' })).toBe('retry_scheduled')
    const r = await row('shopify')
    expect(r.status).toBe('degraded')
    expect(r.lastError).toBe('token endpoint answered HTTP 503')
    const retry = await getApp().deps.queues.get('connections').getJob(`refresh-retry-${ids.shopify}-1`)
    expect(retry?.name).toBe('refresh-pos-token')
    expect(JSON.stringify(retry?.data)).not.toContain('rt_')
    expect(await emailsTo(owner)).toBe(emails)
    expect(await refreshConnectionToken(getApp().deps, ids.shopify!, { mode: 'scheduled' })).toBe('refreshed')
    expect((await row('shopify')).status).toBe('connected')
  })

  test('invalid_grant → revoked once, exactly one email, automatic refresh and polling stop', async () => {
    const owner = cast.users.owner.email!
    const emails = await emailsTo(owner)
    fakes.clover.oauth.revokeMerchant(fakes.clover.merchantId)
    await expire('clover')
    expect(await refreshConnectionToken(getApp().deps, ids.clover!, { mode: 'scheduled' })).toBe('revoked')
    expect((await row('clover')).status).toBe('revoked')
    const calls = fakes.clover.oauth.calls.refresh
    for (let i = 0; i < 3; i++) await refreshDueTokens(getApp().deps)
    expect(await refreshConnectionToken(getApp().deps, ids.clover!, { mode: 'forced' })).toBe('skipped')
    expect(fakes.clover.oauth.calls.refresh).toBe(calls)
    expect((await pollConnection(getApp().deps, ids.clover!)).status).toBe('paused')
    expect(await emailsTo(owner)).toBe(emails + 1)
    const [mail] = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.to, owner))
      .orderBy(notifications.createdAt)
    expect(mail?.subject).toContain('disconnected')
  })

  test('a revocation webhook (Square oauth.authorization.revoked) → revoked, tokens dropped, one email however often it repeats', async () => {
    const owner = cast.users.owner.email!
    const emails = await emailsTo(owner)
    expect(
      await revokeConnection(getApp().deps, 'square', fakes.square.merchantId, 'the merchant revoked access in Square'),
    ).toBe('revoked')
    expect(
      await revokeConnection(getApp().deps, 'square', fakes.square.merchantId, 'the merchant revoked access in Square'),
    ).toBe('unchanged')
    const r = await row('square')
    expect(r).toMatchObject({ status: 'revoked', accessTokenEnc: null, refreshTokenEnc: null })
    expect(await emailsTo(owner)).toBe(emails + 1)
  })

  test('reconnecting keeps the same connection id and returns it to connected', async () => {
    expect(await connectOverHttp(getApp(), cast.owner.headers, 'square', fakes)).toBe(
      '/merchant/connections?connected=square',
    )
    const r = await row('square')
    expect(r.status).toBe('connected')
    expect(r.accessTokenEnc).toStartWith('v1.')
  })
})
