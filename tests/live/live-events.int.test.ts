// GET /api/v1/events (ADR 0024): each caller receives only their own events (a consumer their
// balances, a merchant their active shop's sales), across processes through Redis, resumable
// with Last-Event-ID, and a closed stream leaves no subscription behind.
import { afterAll, beforeAll, expect, test } from 'bun:test'
import { createApp } from '../../src/http/app'
import { buildDeps } from '../../src/app-deps'
import { announceSales } from '../../src/live'
import { useTestApp } from '../helpers/app'
import { addMembership, bearer, makeCast, makeTenant, makeUser, signIn } from '../helpers/identities'
import { sseReader } from './sse-reader'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@live.test' })
// A second process: its own app, Redis connections and subscriber, sharing the database and the
// Redis namespace, as two web machines do.
let other: Awaited<ReturnType<typeof buildDeps>>
let otherApp: ReturnType<typeof createApp>
beforeAll(async () => {
  other = await buildDeps(getApp().config, { queuePrefix: getApp().deps.queues.prefix })
  // Web machines share JWT_PRIVATE_KEYS; the test config generates a key per buildDeps.
  otherApp = createApp({ ...other, keyring: getApp().deps.keyring })
})
afterAll(async () => {
  await other?.close()
})

const stream = (app: { handle(r: Request): Promise<Response> }, headers: Record<string, string>) =>
  app.handle(new Request('http://localhost/api/v1/events', { headers: { accept: 'text/event-stream', ...headers } }))

const sale = (
  tenantId: string,
  transactionId: string,
  award?: { userId: string; walletId: string; balance: number },
) => ({ tenantId, transactionId, state: award ? 'awarded' : 'unmatched', points: award ? 10 : 0, award: award ?? null })

test('a sale published by one process reaches the merchant and the consumer streaming from another', async () => {
  const t = getApp()
  const cast = await makeCast(t.deps)
  const res = await stream(otherApp, cast.owner.headers)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/event-stream')
  const merchant = sseReader(res)
  const consumer = sseReader(await stream(otherApp, cast.consumer.headers))
  await merchant.until((f) => !!f.id)
  await consumer.until((f) => !!f.id)

  await announceSales(t.deps.redis, t.deps.queues.prefix, [
    sale(cast.tenant.id, 'ptx_1', { userId: cast.consumer.userId, walletId: 'wal_1', balance: 42 }),
  ])
  await merchant.until((f) => f.event === 'transaction')
  await consumer.until((f) => f.event === 'balance')
  expect(merchant.events('transaction')).toEqual([{ transaction_id: 'ptx_1', state: 'awarded', points: 10 }])
  expect(consumer.events('balance')).toEqual([{ wallet_id: 'wal_1', tenant_id: cast.tenant.id, balance: 42 }])
  // The merchant is not that consumer: no balance event reaches them, and no sale reaches the consumer.
  expect(merchant.events('balance')).toEqual([])
  expect(consumer.events('transaction')).toEqual([])
  await merchant.cancel()
  await consumer.cancel()
})

test("a merchant of shop A never receives shop B's sales; a consumer never another's balance", async () => {
  const t = getApp()
  const a = await makeCast(t.deps)
  const b = await makeTenant(t.deps)
  const bOwner = await makeUser(t.deps, { email: 'owner-b@live.test' })
  await addMembership(t.deps, bOwner.id, b.id, 'merchant_owner')
  const ownerA = sseReader(await stream(t.app, a.owner.headers))
  const consumerA = sseReader(await stream(t.app, a.consumer.headers))
  await ownerA.until((f) => !!f.id)
  await consumerA.until((f) => !!f.id)

  const stranger = await makeUser(t.deps, { email: 'stranger@live.test' })
  await announceSales(t.deps.redis, t.deps.queues.prefix, [
    sale(b.id, 'ptx_b', { userId: stranger.id, walletId: 'wal_b', balance: 7 }),
  ])
  await announceSales(t.deps.redis, t.deps.queues.prefix, [sale(a.tenant.id, 'ptx_a')])
  await ownerA.until((f) => f.event === 'transaction')
  await consumerA.settle()
  expect(ownerA.events('transaction').map((e) => e.transaction_id)).toEqual(['ptx_a'])
  expect(ownerA.events('balance')).toEqual([])
  expect(consumerA.events('balance')).toEqual([])

  // Shop B's owner, once signed in to B, sees B's sale stream and nothing of A's.
  const ownerB = sseReader(await stream(t.app, bearer(await signIn(t.deps, bOwner.id, b.id))))
  await ownerB.until((f) => !!f.id)
  await announceSales(t.deps.redis, t.deps.queues.prefix, [sale(a.tenant.id, 'ptx_a2'), sale(b.id, 'ptx_b2')])
  await ownerB.until((f) => f.event === 'transaction')
  await ownerB.settle()
  expect(ownerB.events('transaction').map((e) => e.transaction_id)).toEqual(['ptx_b2'])
  for (const r of [ownerA, consumerA, ownerB]) await r.cancel()
})

test('Last-Event-ID replays what was missed; an unknown id gets a reset', async () => {
  const t = getApp()
  const cast = await makeCast(t.deps)
  const first = sseReader(await stream(t.app, cast.owner.headers))
  await first.until((f) => !!f.id) // connected: what is published from now on is this stream's
  await announceSales(t.deps.redis, t.deps.queues.prefix, [sale(cast.tenant.id, 'ptx_seen')])
  await first.until((f) => f.event === 'transaction')
  const lastId = first.lastId()!
  await first.cancel()

  await announceSales(t.deps.redis, t.deps.queues.prefix, [
    sale(cast.tenant.id, 'ptx_missed_1'),
    sale(cast.tenant.id, 'ptx_missed_2'),
  ])
  const resumed = sseReader(await stream(t.app, { ...cast.owner.headers, 'last-event-id': lastId }))
  await resumed.until((f) => f.event === 'transaction' && f.data!.includes('ptx_missed_2'))
  expect(resumed.events('transaction').map((e) => e.transaction_id)).toEqual(['ptx_missed_1', 'ptx_missed_2'])
  // Live events keep coming after the replay, without repeating it.
  await announceSales(t.deps.redis, t.deps.queues.prefix, [sale(cast.tenant.id, 'ptx_live')])
  await resumed.until((f) => f.event === 'transaction' && f.data!.includes('ptx_live'))
  expect(resumed.events('transaction').map((e) => e.transaction_id)).toEqual([
    'ptx_missed_1',
    'ptx_missed_2',
    'ptx_live',
  ])
  await resumed.cancel()

  for (const stale of ['0:1-0.1:1-0', 'garbage']) {
    const reset = sseReader(await stream(t.app, { ...cast.owner.headers, 'last-event-id': stale }))
    await reset.until((f) => f.event === 'reset')
    expect(reset.events('transaction')).toEqual([])
    await reset.cancel()
  }
})

test('a closed stream leaves no subscription; a stream is only for a signed-in caller who asked for one', async () => {
  const t = getApp()
  const cast = await makeCast(t.deps)
  const before = t.deps.live.stats()
  const r = sseReader(await stream(t.app, cast.owner.headers))
  await r.until((f) => !!f.id)
  expect(t.deps.live.stats().listeners).toBe(before.listeners + 2) // their user and their shop
  await r.cancel()
  await Bun.sleep(50)
  expect(t.deps.live.stats()).toEqual(before)

  expect((await stream(t.app, {})).status).toBe(401)
  expect(
    (await t.request('/api/v1/events', { headers: { ...cast.owner.headers, accept: 'application/json' } })).status,
  ).toBe(406)
})
