// Issue 10.2: a Square seller with more than one location. ListPayments without `location_id`
// answers for the main location only (as the fake does, like Square), so polling and the nightly
// reconciliation must list the locations first. A sale rung up at the second location reaches
// the customer's wallet through polling, and one that polling never saw is repaired by the
// reconciliation.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { type WorkerRuntime, startWorkers } from '../../../jobs/worker'
import { asSystem } from '../../../src/infra/scope'
import { pollConnection, reconcilePos } from '../../../src/pos/connection'
import { posConnections, inboxEvents } from '../../../src/pos/pos.schema'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { balanceOf, squarePayment, waitFor } from '../ingest/harness'
import { connectOverHttp, fakeEnv, startFakes } from './harness'

const fakes = startFakes({ pageSize: 2 })
// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp(fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test' }))
let workers: WorkerRuntime | undefined
let cast: Awaited<ReturnType<typeof makeCast>>
let connectionId = ''

/** A COMPLETED payment as ListPayments returns it, rung up at `location`. */
function payment(id: string, location: string, email: string, updatedAt: Date) {
  const p = JSON.parse(
    squarePayment({ merchantId: fakes.square.merchantId, eventId: 'x', paymentId: id, total: 2500, email }),
  ).data.object.payment
  return { ...p, location_id: location, updated_at: updatedAt.toISOString() }
}

const inboxHas = async (paymentId: string) =>
  (
    await asSystem(getApp().deps.dbh.db, (tx) =>
      tx.select().from(inboxEvents).where(eq(inboxEvents.provider, 'square')),
    )
  ).some((r) => r.rawBody.includes(`"${paymentId}"`))

const credited = (email: string) =>
  waitFor(
    () => balanceOf(getApp().deps, cast.tenant.id, email),
    (b) => (b ?? 0) > 0,
    15_000,
  )

beforeAll(async () => {
  const t = getApp()
  workers = await startWorkers(t.deps)
  cast = await makeCast(t.deps)
  await connectOverHttp(t, cast.owner.headers, 'square', fakes)
  connectionId = (await asSystem(t.deps.dbh.db, (tx) => tx.select().from(posConnections)))[0]!.id
  fakes.square.locations.push({
    id: 'L2',
    name: 'Harbour Kiosk',
    status: 'ACTIVE',
    merchant_id: fakes.square.merchantId,
  })
}, 60_000)
afterAll(async () => {
  for (const f of Object.values(fakes)) await f.stop()
})

test('polling finds a sale at the second location and credits the wallet', async () => {
  const now = Date.now()
  // Three sales at the main location (two pages) and one at the second, oldest at the second.
  fakes.square.listed.push(
    payment('pay-l2-poll', 'L2', 'kiosk@example.com', new Date(now - 20 * 60_000)),
    ...[1, 2, 3].map((i) => payment(`pay-l1-${i}`, 'L1', `main${i}@example.com`, new Date(now - (15 - i) * 60_000))),
  )
  const out = await pollConnection(getApp().deps, connectionId, { since: new Date(now - 60 * 60_000) })
  expect(out.status).toBe('done')
  expect(out.inserted).toHaveLength(4)
  expect(await inboxHas('pay-l2-poll')).toBe(true)
  expect(await credited('kiosk@example.com')).toBeGreaterThan(0)
  // Both locations are read with their own location_id.
  const asked = fakes.square.listRequests
    .filter((r) => r.path === '/v2/payments')
    .map((r) => new URLSearchParams(r.search).get('location_id'))
  expect(new Set(asked)).toEqual(new Set(['L1', 'L2']))
}, 30_000)

test('the cursor moves only after every location was read: a newer sale at the main location does not hide an older one at the second', async () => {
  const now = Date.now()
  fakes.square.listed.push(
    payment('pay-l2-late', 'L2', 'late@example.com', new Date(now - 60_000)),
    payment('pay-l1-new', 'L1', 'new@example.com', new Date(now - 30_000)),
  )
  // The second location's read fails: the run stops, and the next one must still find its sale.
  let calls = 0
  const failSecondLocation = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString())
    if (url.searchParams.get('location_id') === 'L2' && calls++ === 0)
      return Promise.resolve(new Response('{}', { status: 503 }))
    return fetch(input, init)
  }
  expect((await pollConnection(getApp().deps, connectionId, { fetch: failSecondLocation })).status).toBe('failed')
  expect(await inboxHas('pay-l1-new')).toBe(true)
  expect(await inboxHas('pay-l2-late')).toBe(false)
  await pollConnection(getApp().deps, connectionId)
  expect(await inboxHas('pay-l2-late')).toBe(true)
}, 30_000)

test('the nightly reconciliation repairs a sale at the second location that polling never saw', async () => {
  // Changed two hours ago, i.e. before the stored poll cursor: polling will not read it again.
  fakes.square.listed.push(payment('pay-l2-missed', 'L2', 'missed@example.com', new Date(Date.now() - 2 * 3600_000)))
  expect((await pollConnection(getApp().deps, connectionId)).inserted).toEqual([])
  const [report] = await reconcilePos(getApp().deps)
  expect(report).toMatchObject({ connectionId, outcome: 'repaired' })
  expect(report!.missing).toContain('pay-l2-missed')
  expect(await inboxHas('pay-l2-missed')).toBe(true)
  expect(await credited('missed@example.com')).toBeGreaterThan(0)
}, 30_000)
