// Issue 7: the polling fallback. Each provider's LIST endpoint is read from the stored cursor,
// every page is followed, 429 + Retry-After parks the connection, and each polled sale becomes
// an inbox row that the provider's own adapter parses like its webhook (same processing path).
// Also: which connections are polled, and the nightly 48 h reconciliation report.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { asSystem } from '../../../src/infra/scope'
import { enqueueDuePolls, pollConnection, reconcilePos } from '../../../src/pos/connection'
import { posConnectionSync } from '../../../src/pos/connection/connection.schema'
import { posConnections, posTransactions, inboxEvents } from '../../../src/pos/pos.schema'
import { posAdapters } from '../../../src/pos/registry'
import { newId } from '../../../src/shared/ids'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { connectOverHttp, connectToastProven, fakeEnv, RESTAURANT, startFakes } from './harness'

// Pages of two, so five sales need three pages everywhere.
const fakes = startFakes({ pageSize: 2 })
// Webhooks off: no webhook has ever arrived (and Square/Clover/Toast have no webhook secret
// configured), so every working connection relies on polling.
const getApp = useTestApp(fakeEnv(fakes, { ADMIN_EMAILS: 'admin@salesarck.test' }))
let cast: Awaited<ReturnType<typeof makeCast>>
const ids: Record<string, string> = {}
const db = () => getApp().deps.dbh.db
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)

function seed() {
  for (let i = 1; i <= 5; i++) {
    const at = minutesAgo(30 - i)
    fakes.square.listed.push({
      id: `sqpay${i}`,
      status: 'COMPLETED',
      updated_at: at.toISOString(),
      created_at: at.toISOString(),
      amount_money: { amount: 1000 * i, currency: 'USD' },
      total_money: { amount: 1000 * i, currency: 'USD' },
      location_id: 'L1',
      buyer_email_address: `b${i}@example.com`,
    })
    fakes.clover.listed.push({ id: `CLORD${i}`, modifiedTime: at.getTime(), paymentState: 'PAID', total: 1000 * i })
    fakes.shopify.listed.push({
      id: `82098291194615450${i}`,
      updated_at: at.toISOString(),
      created_at: at.toISOString(),
      processed_at: at.toISOString(),
      financial_status: 'paid',
      currency: 'USD',
      total_price: `${10 * i}.00`,
      email: `s${i}@example.com`,
    })
    fakes.lightspeed.listed.push({
      id: `ls-sale-${i}`,
      version: 100 + i,
      status: 'CLOSED',
      sale_date: at.toISOString(),
      total_price: `${10 * i}`,
      total_tax: '0',
      register_sale_payments: [{ id: `p${i}`, amount: `${10 * i}`, currency: 'NZD', payment_date: at.toISOString() }],
    })
    const toastOrders = fakes.toast.listed.get(RESTAURANT) ?? []
    toastOrders.push({
      guid: `f6d98b95-2816-4f54-b1ab-7a5d71e8376${i}`,
      modifiedDate: at.toISOString().replace('Z', '+0000'),
      paidDate: at.toISOString(),
      closedDate: at.toISOString(),
      voided: false,
      checks: [{ guid: `c${i}`, paymentStatus: 'PAID', amount: 10 * i, totalAmount: 10 * i, payments: [] }],
    })
    fakes.toast.listed.set(RESTAURANT, toastOrders)
  }
  // Not sales: skipped by every poller.
  fakes.square.listed.push({ id: 'sqpay-open', status: 'APPROVED', updated_at: minutesAgo(20).toISOString() })
  fakes.clover.listed.push({ id: 'CLOPEN', modifiedTime: minutesAgo(20).getTime(), paymentState: 'OPEN' })
}

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  for (const p of ['square', 'clover', 'shopify', 'lightspeed'] as const)
    await connectOverHttp(getApp(), cast.owner.headers, p, fakes)
  await connectToastProven(getApp().deps, { tenantId: cast.tenant.id, userId: cast.users.owner.id }, RESTAURANT)
  for (const r of await asSystem(db(), (tx) => tx.select().from(posConnections))) ids[r.provider] = r.id
  seed()
}, 30_000)
afterAll(async () => {
  for (const f of Object.values(fakes)) await f.stop()
})

const inbox = (provider: 'square' | 'clover' | 'shopify' | 'lightspeed' | 'toast') =>
  asSystem(db(), (tx) => tx.select().from(inboxEvents).where(eq(inboxEvents.provider, provider)))

describe('polling each provider', () => {
  for (const provider of ['square', 'clover', 'shopify', 'lightspeed', 'toast'] as const) {
    test(`${provider}: follows every page, feeds five sales into the inbox once, stores the cursor`, async () => {
      const t = getApp()
      const out = await pollConnection(t.deps, ids[provider]!, { since: minutesAgo(60) })
      expect(out.status).toBe('done')
      expect(out.pages).toBeGreaterThanOrEqual(3)
      const rows = await inbox(provider)
      expect(rows).toHaveLength(5)
      for (const r of rows) {
        expect(r).toMatchObject({ tenantId: cast.tenant.id, status: 'received' })
        // The adapter parses the polled row exactly as it parses its webhook.
        const events = posAdapters[provider]
          .parse({ rawBody: r.rawBody, headers: new Headers(r.headers) })
          .filter((e) => e.providerEventId === r.providerEventId)
        expect(events[0]?.type).toBe('sale_completed')
        expect(JSON.stringify(r)).not.toMatch(/at_[0-9a-f-]{36}/)
      }
      const txnIds = rows
        .flatMap((r) =>
          posAdapters[provider]
            .parse({ rawBody: r.rawBody, headers: new Headers(r.headers) })
            .flatMap((e) => (e.type === 'sale_completed' ? [e.providerTransactionId] : [])),
        )
        .sort()
      expect(new Set(txnIds).size).toBe(5)
      // Each stored row was handed to the processing job, carrying its id only.
      const jobs = await t.deps.queues
        .get('pos-events')
        .getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])
      for (const r of rows)
        expect(jobs.some((j) => j.name === 'process-pos-webhook' && JSON.stringify(j.data).includes(r.id))).toBe(true)
      const [sync] = await asSystem(db(), (tx) =>
        tx.select().from(posConnectionSync).where(eq(posConnectionSync.connectionId, ids[provider]!)),
      )
      expect(sync?.pollCursor).toBeTruthy()
      // Polling again from the cursor adds nothing.
      const again = await pollConnection(t.deps, ids[provider]!)
      expect(again.inserted).toEqual([])
      expect(await inbox(provider)).toHaveLength(5)
    })
  }

  test('a sale already ingested (e.g. by webhook) is not fed again', async () => {
    const t = getApp()
    await asSystem(db(), (tx) =>
      tx.insert(posTransactions).values({
        id: newId('txn'),
        tenantId: cast.tenant.id,
        provider: 'square',
        providerTransactionId: 'sqpay-late',
        occurredAt: new Date(),
        currency: 'USD',
        totalMinor: 500,
      }),
    )
    fakes.square.listed.push({ id: 'sqpay-late', status: 'COMPLETED', updated_at: new Date().toISOString() })
    const before = (await inbox('square')).length
    await asSystem(db(), (tx) =>
      tx.update(posConnections).set({ lastPolledAt: null }).where(eq(posConnections.id, ids.square!)),
    )
    expect((await pollConnection(t.deps, ids.square!)).inserted).toEqual([])
    expect(await inbox('square')).toHaveLength(before)
  })
})

describe('rate limits', () => {
  test('429 with Retry-After stops the run, keeps progress, and parks the connection until then', async () => {
    const t = getApp()
    fakes.lightspeed.listed.push({
      id: 'ls-sale-9',
      version: 200,
      status: 'CLOSED',
      sale_date: new Date().toISOString(),
      total_price: '5',
      total_tax: '0',
      register_sale_payments: [],
    })
    fakes.lightspeed.failNext(429, { headers: { 'retry-after': '40' } })
    const out = await pollConnection(t.deps, ids.lightspeed!)
    expect(out.status).toBe('rate_limited')
    const [sync] = await asSystem(db(), (tx) =>
      tx.select().from(posConnectionSync).where(eq(posConnectionSync.connectionId, ids.lightspeed!)),
    )
    expect(sync!.pollNotBefore!.getTime() - Date.now()).toBeGreaterThan(30_000)
    // The scheduler leaves it alone until Retry-After has passed; a 429 does not degrade it.
    expect(await enqueueDuePolls(t.deps)).not.toContain(ids.lightspeed!)
    expect(
      (await asSystem(db(), (tx) => tx.select().from(posConnections).where(eq(posConnections.id, ids.lightspeed!))))[0]
        ?.status,
    ).toBe('connected')
    // An HTTP-date Retry-After (Lightspeed's format) is honoured too.
    await asSystem(db(), (tx) =>
      tx
        .update(posConnectionSync)
        .set({ pollNotBefore: null })
        .where(eq(posConnectionSync.connectionId, ids.lightspeed!)),
    )
    fakes.lightspeed.failNext(429, { headers: { 'retry-after': new Date(Date.now() + 120_000).toUTCString() } })
    await pollConnection(t.deps, ids.lightspeed!)
    const [later] = await asSystem(db(), (tx) =>
      tx.select().from(posConnectionSync).where(eq(posConnectionSync.connectionId, ids.lightspeed!)),
    )
    expect(later!.pollNotBefore!.getTime() - Date.now()).toBeGreaterThan(100_000)
    await asSystem(db(), (tx) =>
      tx
        .update(posConnectionSync)
        .set({ pollNotBefore: null })
        .where(eq(posConnectionSync.connectionId, ids.lightspeed!)),
    )
    expect((await pollConnection(t.deps, ids.lightspeed!)).status).toBe('done')
    expect((await inbox('lightspeed')).some((r) => r.rawBody.includes('ls-sale-9'))).toBe(true)
  })

  test('provider 5xx on the list endpoint degrades the connection with the reason; a later success heals it after the flap hold', async () => {
    const t = getApp()
    fakes.toast.failNext(503)
    expect((await pollConnection(t.deps, ids.toast!)).status).toBe('failed')
    const [r] = await asSystem(db(), (tx) => tx.select().from(posConnections).where(eq(posConnections.id, ids.toast!)))
    expect(r).toMatchObject({ status: 'degraded', lastError: 'polling failed: provider API answered HTTP 503' })
  })
})

describe('scheduling', () => {
  test('with webhooks off every working connection is polled each interval; paused ones never', async () => {
    const t = getApp()
    await asSystem(db(), (tx) => tx.update(posConnections).set({ lastPolledAt: null }))
    await asSystem(db(), (tx) =>
      tx.update(posConnections).set({ status: 'revoked' }).where(eq(posConnections.id, ids.clover!)),
    )
    const due = await enqueueDuePolls(t.deps)
    expect(due.sort()).toEqual([ids.square, ids.shopify, ids.lightspeed, ids.toast].sort() as string[])
    const jobs = await t.deps.queues.get('connections').getJobs(['waiting', 'delayed'])
    expect(jobs.filter((j) => j.name === 'poll-pos-connection')).toHaveLength(4)
    // The same tick twice enqueues nothing new (job ids carry connection and slot).
    await enqueueDuePolls(t.deps)
    expect(
      (await t.deps.queues.get('connections').getJobs(['waiting', 'delayed'])).filter(
        (j) => j.name === 'poll-pos-connection',
      ),
    ).toHaveLength(4)
    await asSystem(db(), (tx) =>
      tx.update(posConnections).set({ status: 'connected' }).where(eq(posConnections.id, ids.clover!)),
    )
  })
})

describe('nightly POS reconciliation', () => {
  test('compares the last 48 h with what was ingested, feeds what is missing, stores a report', async () => {
    const t = getApp()
    await asSystem(db(), (tx) =>
      tx.insert(posTransactions).values({
        id: newId('txn'),
        tenantId: cast.tenant.id,
        provider: 'clover',
        providerTransactionId: 'CLORD1',
        occurredAt: new Date(),
        currency: 'USD',
        totalMinor: 1000,
      }),
    )
    await asSystem(db(), (tx) => tx.delete(inboxEvents).where(eq(inboxEvents.provider, 'clover')))
    const reports = await reconcilePos(t.deps)
    const clover = reports.find((r) => r.connectionId === ids.clover)!
    expect(clover).toMatchObject({ outcome: 'repaired', posCount: 5, ingestedCount: 1 })
    expect(clover.missing.sort()).toEqual(['CLORD2', 'CLORD3', 'CLORD4', 'CLORD5'])
    expect(await inbox('clover')).toHaveLength(4)
    expect(reports).toHaveLength(5)
  })
})
