// Issue 7: each provider connects through its documented flow against a local fake; the state
// is single use and bound to the merchant who started it; tokens are stored encrypted; the
// merchant API lists health; a POS account cannot be claimed by a second tenant.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { asSystem } from '../../../src/infra/scope'
import { connectToast } from '../../../src/pos/connection'
import { posConnectionChanges, posConnectionSync } from '../../../src/pos/connection/connection.schema'
import { posConnections } from '../../../src/pos/pos.schema'
import { useTestApp } from '../../helpers/app'
import { makeCast, makeTenant } from '../../helpers/identities'
import { connectOverHttp, connectToastProven, consentRedirect, fakeEnv, RESTAURANT, startFakes } from './harness'

const fakes = startFakes()
const getApp = useTestApp(fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test' }))
let cast: Awaited<ReturnType<typeof makeCast>>

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
})
afterAll(async () => {
  for (const f of Object.values(fakes)) await f.stop()
})

const rows = () =>
  asSystem(getApp().deps.dbh.db, (tx) =>
    tx.select().from(posConnections).where(eq(posConnections.tenantId, cast.tenant.id)),
  )

describe('connect flows against the provider fakes', () => {
  for (const provider of ['square', 'clover', 'shopify', 'lightspeed'] as const) {
    test(`${provider}: connect → consent → callback stores encrypted tokens and marks connected`, async () => {
      const to = await connectOverHttp(getApp(), cast.owner.headers, provider, fakes)
      expect(to).toBe(`/merchant/connections?connected=${provider}`)
      const row = (await rows()).find((r) => r.provider === provider)!
      expect(row.status).toBe('connected')
      expect(row.authMode).toBe('oauth')
      expect(row.accessTokenEnc).toStartWith('v1.k1.')
      expect(row.refreshTokenEnc).toStartWith('v1.k1.')
      expect(row.tokenExpiresAt).not.toBeNull()
      const fake = fakes[provider]
      expect(fake.oauth.calls.code).toBe(1)
      // The id webhooks carry: Square merchant_id, Clover merchant id, shop domain, retailer id.
      const expected = {
        square: fakes.square.merchantId,
        clover: fakes.clover.merchantId,
        shopify: fakes.shopify.shop,
        lightspeed: fakes.lightspeed.retailerId,
      }[provider]
      expect(row.externalMerchantId).toBe(expected)
      const history = await asSystem(getApp().deps.dbh.db, (tx) =>
        tx.select().from(posConnectionChanges).where(eq(posConnectionChanges.connectionId, row.id)),
      )
      expect(history.map((h) => h.toStatus)).toEqual(['connected'])
    })
  }

  test('lightspeed keeps the domain prefix that names its token host', async () => {
    const row = (await rows()).find((r) => r.provider === 'lightspeed')!
    const [sync] = await asSystem(getApp().deps.dbh.db, (tx) =>
      tx.select().from(posConnectionSync).where(eq(posConnectionSync.connectionId, row.id)),
    )
    expect(sync?.tokenHost).toBe(fakes.lightspeed.domainPrefix)
    expect(sync?.grant).toBe('code')
  })

  test('toast: partner login, restaurant access checked, linked by GUID without a token of its own', async () => {
    const t = getApp()
    const id = await connectToastProven(
      t.deps,
      { tenantId: cast.tenant.id, userId: cast.users.owner.id },
      RESTAURANT.toUpperCase(),
    )
    const row = (await rows()).find((r) => r.id === id)!
    expect(row).toMatchObject({
      provider: 'toast',
      externalMerchantId: RESTAURANT,
      authMode: 'partner',
      status: 'connected',
      accessTokenEnc: null,
    })
    expect(fakes.toast.oauth.calls.clientCredentials).toBe(1)
    await expect(
      connectToast(
        t.deps,
        { tenantId: cast.tenant.id, userId: cast.users.owner.id },
        'aaaaaaaa-0000-4000-8000-000000000000',
      ),
    ).rejects.toThrow(/not added to this restaurant/)
    await expect(
      connectToast(t.deps, { tenantId: cast.tenant.id, userId: cast.users.owner.id }, 'nope'),
    ).rejects.toThrow(/GUID/)
    // The partner token is reused, not fetched per restaurant.
    expect(fakes.toast.oauth.calls.clientCredentials).toBe(1)
  })

  test('GET /connections lists provider, status, last event and last error, and never a token', async () => {
    const r = await getApp().json<Record<string, unknown>[]>('/api/v1/merchant/connections', {
      headers: cast.owner.headers,
    })
    expect(r.status).toBe(200)
    expect(r.body.map((c) => c.provider).sort()).toEqual(['clover', 'lightspeed', 'shopify', 'square', 'toast'])
    for (const c of r.body) {
      expect(c).toMatchObject({ status: 'connected', last_event_at: null, last_error: null })
      expect(JSON.stringify(c)).not.toMatch(/v1\.k1\.|at_|rt_/)
    }
  })
})

describe('state: single use and bound to the merchant who started it', () => {
  test('a replayed callback is refused and connects nothing', async () => {
    const t = getApp()
    const back = await consentRedirect(t, cast.owner.headers, 'square', fakes)
    const first = await t.request(`${back.pathname}${back.search}`, { headers: cast.owner.headers })
    expect(first.headers.get('location')).toBe('/merchant/connections?connected=square')
    const again = await t.request(`${back.pathname}${back.search}`, { headers: cast.owner.headers })
    expect(again.headers.get('location')).toBe('/merchant/connections?failed=square&why=state')
  })

  test("another merchant (even an owner of another shop) cannot complete someone else's connect", async () => {
    const t = getApp()
    const other = await makeCast(t.deps, await makeTenant(t.deps))
    const back = await consentRedirect(t, cast.owner.headers, 'clover', fakes)
    const stolen = await t.request(`${back.pathname}${back.search}`, { headers: other.owner.headers })
    expect(stolen.headers.get('location')).toBe('/merchant/connections?failed=clover&why=state')
    // Same shop, different user: still refused.
    const back2 = await consentRedirect(t, cast.owner.headers, 'clover', fakes)
    const staff = await t.request(`${back2.pathname}${back2.search}`, { headers: cast.staff.headers })
    expect(staff.status).toBe(403)
  })

  test('a forged Shopify callback (bad hmac) is refused', async () => {
    const t = getApp()
    const back = await consentRedirect(t, cast.owner.headers, 'shopify', fakes)
    back.searchParams.set('hmac', '0'.repeat(64))
    const r = await t.request(`${back.pathname}${back.search}`, { headers: cast.owner.headers })
    expect(r.headers.get('location')).toBe('/merchant/connections?failed=shopify&why=failed')
  })

  test('a POS account linked to one shop cannot be connected by another', async () => {
    const t = getApp()
    const other = await makeCast(t.deps, await makeTenant(t.deps))
    const to = await connectOverHttp(t, other.owner.headers, 'square', fakes)
    expect(to).toBe('/merchant/connections?failed=square&why=taken')
  })

  test('staff cannot start a connect; signed-out callers are refused', async () => {
    const t = getApp()
    expect(
      (await t.request('/api/v1/merchant/connections/square/connect', { headers: cast.staff.headers })).status,
    ).toBe(403)
    expect((await t.request('/api/v1/merchant/connections/square/connect')).status).toBe(401)
    expect((await t.request('/api/v1/merchant/connections/nope/connect', { headers: cast.owner.headers })).status).toBe(
      400,
    )
  })
})
