// Issue 10.4: installs that start in Clover's App Market reach us without our `state`. Clover
// redirects with merchant_id, client_id and code; we confirm the merchant with Clover, then a
// signed-in shop owner confirms which shop it is for through a signed, single-use link.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { asSystem } from '../../../src/infra/scope'
import { posPendingInstalls } from '../../../src/pos/connection/connection.schema'
import { posConnections } from '../../../src/pos/pos.schema'
import { portal } from '../../admin/portal'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { fakeEnv, startFakes, stopFakes } from './harness'

const fakes = startFakes()
const getApp = useTestApp(fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test' }))
let cast: Awaited<ReturnType<typeof makeCast>>

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
})
afterAll(() => stopFakes(fakes))

const cloverRows = () =>
  asSystem(getApp().deps.dbh.db, (tx) => tx.select().from(posConnections).where(eq(posConnections.provider, 'clover')))
const parked = () => asSystem(getApp().deps.dbh.db, (tx) => tx.select().from(posPendingInstalls))

/** What Clover's App Market does: redirect the merchant's browser to our Site URL, no state. */
async function landFromAppMarket(merchantId = fakes.clover.merchantId) {
  const q = new URLSearchParams({
    merchant_id: merchantId,
    client_id: fakes.clover.appId,
    code: fakes.clover.oauth.issueCode(fakes.clover.merchantId),
  })
  const r = await getApp().request(`/oauth/clover/install?${q}`) // signed out, as from Clover
  return r.headers.get('location') ?? `status ${r.status}`
}

describe('Clover App Market install', () => {
  test('lands signed out, then the shop owner confirms the shop and the merchant is connected', async () => {
    const to = await landFromAppMarket()
    expect(to).toStartWith('/merchant/connections/clover/install?t=')
    expect(await cloverRows()).toEqual([]) // nothing linked before an owner confirms
    const t = new URL(to, 'http://x').searchParams.get('t')!

    // Signed out: sent to sign in, and back to this very link afterwards.
    const signedOut = await getApp().request(to, { headers: { accept: 'text/html' } })
    expect(signedOut.headers.get('location')).toContain(`next=${encodeURIComponent(to)}`)
    expect((await portal(getApp(), cast.staff, to)).status).toBe(403)
    const page = await portal(getApp(), cast.owner, to)
    expect(page.status).toBe(200)
    expect(page.text).toContain(fakes.clover.merchantId)

    const done = await portal(getApp(), cast.owner, '/merchant/connections/clover/install', { form: { t } })
    expect(done.headers.get('location')).toBe('/merchant/connections?connected=clover')
    const [row] = await cloverRows()
    expect(row).toMatchObject({
      tenantId: cast.tenant.id,
      externalMerchantId: fakes.clover.merchantId,
      status: 'connected',
      authMode: 'oauth',
    })
    expect(row?.accessTokenEnc).toStartWith('v1.k1.')
    expect(await parked()).toEqual([])

    // Single use: the same link again connects nothing more.
    const again = await portal(getApp(), cast.owner, '/merchant/connections/clover/install', { form: { t } })
    expect(again.headers.get('location')).toBe('/merchant/connections?failed=clover&why=state')
  })

  test('a forged or altered link is refused', async () => {
    const to = await landFromAppMarket()
    const t = new URL(to, 'http://x').searchParams.get('t')!
    const [h, p, s] = t.split('.')
    const body = JSON.parse(Buffer.from(p!, 'base64url').toString())
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...body, mid: 'OTHERMERCH01' })).toString('base64url')}.${s}`
    for (const bad of [altered, 'not-a-token']) {
      expect((await portal(getApp(), cast.owner, `/merchant/connections/clover/install?t=${bad}`)).status).toBe(400)
      expect(
        (await portal(getApp(), cast.owner, '/merchant/connections/clover/install', { form: { t: bad } })).status,
      ).toBe(400)
    }
  })

  test('an App Market redirect naming another merchant parks nothing', async () => {
    const before = (await parked()).length
    expect(await landFromAppMarket('VICTIMMERCH02')).toBe('/merchant/connections?failed=clover&why=merchant')
    expect((await parked()).length).toBe(before)
    // And one for another app is refused outright.
    const r = await getApp().request(
      `/oauth/clover/install?${new URLSearchParams({ merchant_id: fakes.clover.merchantId, client_id: 'SOMEOTHERAPP', code: 'x' })}`,
    )
    expect(r.headers.get('location')).toBe('/merchant/connections?failed=clover&why=failed')
  })
})
