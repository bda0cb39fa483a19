// Issue 12.2: Clover's OAuth redirect names the merchant in `merchant_id`, a query parameter the
// person completing the flow can edit. The connection must go to the merchant Clover's API
// confirms for the new token, never to the one the URL claims.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { asSystem } from '../../../src/infra/scope'
import { posConnections } from '../../../src/pos/pos.schema'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { consentRedirect, fakeEnv, startFakes, stopFakes } from './harness'

const fakes = startFakes()
const getApp = useTestApp(fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test' }))
let cast: Awaited<ReturnType<typeof makeCast>>

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
})
afterAll(() => stopFakes(fakes))

const cloverRows = () =>
  asSystem(getApp().deps.dbh.db, (tx) => tx.select().from(posConnections).where(eq(posConnections.provider, 'clover')))

describe('Clover callback: the merchant is confirmed with Clover', () => {
  test('a callback whose merchant_id names another Clover merchant connects nothing and says why', async () => {
    const t = getApp()
    const back = await consentRedirect(t, cast.owner.headers, 'clover', fakes)
    expect(back.searchParams.get('merchant_id')).toBe(fakes.clover.merchantId)
    back.searchParams.set('merchant_id', 'VICTIMMERCH01')
    const r = await t.request(`${back.pathname}${back.search}`, { headers: cast.owner.headers })
    expect(r.headers.get('location')).toBe('/merchant/connections?failed=clover&why=merchant')
    expect(await cloverRows()).toEqual([])
    // The merchant sees the reason on the connections page.
    const page = await t.request('/merchant/connections?failed=clover&why=merchant', { headers: cast.owner.headers })
    expect(await page.text()).toContain('belongs to a different merchant account')
  })

  test('the untampered callback links the merchant Clover confirms', async () => {
    const t = getApp()
    const back = await consentRedirect(t, cast.owner.headers, 'clover', fakes)
    const r = await t.request(`${back.pathname}${back.search}`, { headers: cast.owner.headers })
    expect(r.headers.get('location')).toBe('/merchant/connections?connected=clover')
    expect((await cloverRows()).map((c) => c.externalMerchantId)).toEqual([fakes.clover.merchantId])
    expect(fakes.clover.requests.some((q) => q.path === `/v3/merchants/${fakes.clover.merchantId}`)).toBe(true)
  })
})
