// Processing rules, driven through the real webhook route and the job's use case (called
// directly, so each step is deterministic): refunds (partial, before the sale, after a
// redemption: ADR 0009), identity (never invented, linked later, conflicts flagged, priority),
// unknown merchants kept then linked by an admin, replay, suspended tenants held.
import { beforeAll, describe, expect, test } from 'bun:test'
import { and, eq } from 'drizzle-orm'
import { listAudit } from '../../../src/audit'
import { asSystem, inTenant } from '../../../src/infra/scope'
import { ensureWallet, issueRedemption } from '../../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../../src/members'
import { processInboxEvent, setIdentityPriority, sweepInbox } from '../../../src/pos/ingest'
import { posRefunds, inboxEvents } from '../../../src/pos/pos.schema'
import { tenants } from '../../../src/tenancy'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeCast, makeTenant } from '../../helpers/identities'
import {
  balanceOf,
  inboxRows,
  linkMerchant,
  squareCustomer,
  squarePayment,
  squareRefund,
  transactionsOf,
  webhookSecrets,
} from './harness'

const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })
let n = 0
const uid = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 6)}`

async function deliver(body: string): Promise<number> {
  const res = await getApp().request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  return res.status
}

/** Runs the job's use case for every row still waiting, as the worker would. */
async function processWaiting() {
  for (const row of await inboxRows(getApp().deps))
    if (row.status === 'received' || row.status === 'held') await processInboxEvent(getApp().deps, row.id)
}

async function shop() {
  const t = getApp()
  const tenantId = (await makeTenant(t.deps)).id
  const merchantId = uid('M')
  await linkMerchant(t.deps, tenantId, 'square', merchantId)
  return { tenantId, merchantId }
}

const txnOf = async (tenantId: string, paymentId: string) =>
  (await transactionsOf(getApp().deps, tenantId)).find((x) => x.providerTransactionId === paymentId)

beforeAll(() => {
  getApp()
})

describe('refunds', () => {
  test('partial refunds reverse proportionally, each once, and the last cent takes the last point', async () => {
    const { tenantId, merchantId } = await shop()
    expect(
      await deliver(
        squarePayment({ merchantId, eventId: uid('e'), paymentId: 'p1', total: 1_000, email: 'ann@example.com' }),
      ),
    ).toBe(200)
    await processWaiting()
    expect(await balanceOf(getApp().deps, tenantId, 'ann@example.com')).toBe(10)
    const first = squareRefund({ merchantId, eventId: uid('e'), refundId: 'r1', paymentId: 'p1', amount: 300 })
    await deliver(first)
    await deliver(first)
    await processWaiting()
    expect(await balanceOf(getApp().deps, tenantId, 'ann@example.com')).toBe(7)
    // The same refund again under a new event id (Square re-sends refund.updated): still once.
    await deliver(squareRefund({ merchantId, eventId: uid('e'), refundId: 'r1', paymentId: 'p1', amount: 300 }))
    await processWaiting()
    expect(await balanceOf(getApp().deps, tenantId, 'ann@example.com')).toBe(7)
    await deliver(squareRefund({ merchantId, eventId: uid('e'), refundId: 'r2', paymentId: 'p1', amount: 700 }))
    await processWaiting()
    expect(await balanceOf(getApp().deps, tenantId, 'ann@example.com')).toBe(0)
    expect(await txnOf(tenantId, 'p1')).toMatchObject({
      state: 'reversed',
      refundedMinor: 1_000,
      pointsReversed: 10,
      reason: 'refunded',
    })
  })

  test('a refund before its sale waits, and applies when the sale arrives', async () => {
    const { tenantId, merchantId } = await shop()
    await deliver(squareRefund({ merchantId, eventId: uid('e'), refundId: 'r9', paymentId: 'p9', amount: 500 }))
    await processWaiting()
    expect(await txnOf(tenantId, 'p9')).toBeUndefined()
    await deliver(
      squarePayment({ merchantId, eventId: uid('e'), paymentId: 'p9', total: 2_000, email: 'bo@example.com' }),
    )
    await processWaiting()
    // 20 points earned, a quarter refunded → 5 taken back.
    expect(await balanceOf(getApp().deps, tenantId, 'bo@example.com')).toBe(15)
    expect(await txnOf(tenantId, 'p9')).toMatchObject({
      state: 'awarded',
      pointsAwarded: 20,
      pointsReversed: 5,
      refundedMinor: 500,
    })
  })

  test('a refund after a redemption cannot drive the balance negative: capped, shortfall recorded (ADR 0009)', async () => {
    const t = getApp()
    const { tenantId, merchantId } = await shop()
    await deliver(
      squarePayment({ merchantId, eventId: uid('e'), paymentId: 'p5', total: 10_000, email: 'cy@example.com' }),
    )
    await processWaiting()
    expect(await balanceOf(t.deps, tenantId, 'cy@example.com')).toBe(100)
    const scope = { tenantId }
    await inTenant(t.deps.dbh.db, scope, async (tx) => {
      const member = await findOrCreateMemberByIdentity(tx, scope, { email: 'cy@example.com' })
      const wallet = await ensureWallet(tx, scope, member.id)
      await issueRedemption(tx, scope, { walletId: wallet.id, points: 80, shopName: 'Shop', now: new Date() })
    })
    expect(await balanceOf(t.deps, tenantId, 'cy@example.com')).toBe(20)
    await deliver(squareRefund({ merchantId, eventId: uid('e'), refundId: 'r5', paymentId: 'p5', amount: 10_000 }))
    await processWaiting()
    expect(await balanceOf(t.deps, tenantId, 'cy@example.com')).toBe(0)
    const [refund] = await inTenant(t.deps.dbh.db, scope, (tx) =>
      tx
        .select()
        .from(posRefunds)
        .where(and(eq(posRefunds.tenantId, tenantId), eq(posRefunds.providerRefundId, 'r5'))),
    )
    expect(refund).toMatchObject({ pointsReversed: 20, pointsShortfall: 80 })
    expect(await txnOf(tenantId, 'p5')).toMatchObject({
      state: 'reversed',
      pointsReversed: 20,
      reason: 'refund_shortfall',
    })
  })
})

describe('identity', () => {
  test('a sale with only a POS customer id is kept unmatched, then awarded when the POS sends the contact', async () => {
    const { tenantId, merchantId } = await shop()
    await deliver(squarePayment({ merchantId, eventId: uid('e'), paymentId: 'p20', total: 1_500, customerId: 'C-77' }))
    await processWaiting()
    expect(await txnOf(tenantId, 'p20')).toMatchObject({
      state: 'unmatched',
      reason: 'waiting_for_contact',
      memberId: null,
    })
    await deliver(squareCustomer({ merchantId, eventId: uid('e'), customerId: 'C-77', phone: '(555) 555-0142' }))
    await processWaiting()
    expect(await txnOf(tenantId, 'p20')).toMatchObject({ state: 'awarded', pointsAwarded: 15 })
    expect(await balanceOf(getApp().deps, tenantId, '+15555550142')).toBe(15)
    // The POS customer id is remembered: the next sale with only the id is matched at once.
    await deliver(squarePayment({ merchantId, eventId: uid('e'), paymentId: 'p21', total: 500, customerId: 'C-77' }))
    await processWaiting()
    expect(await balanceOf(getApp().deps, tenantId, '+15555550142')).toBe(20)
  })

  test('no signal at all: unmatched, nobody invented', async () => {
    const { tenantId, merchantId } = await shop()
    await deliver(squarePayment({ merchantId, eventId: uid('e'), paymentId: 'p30', total: 900 }))
    await processWaiting()
    expect(await txnOf(tenantId, 'p30')).toMatchObject({ state: 'unmatched', reason: 'no_identity', memberId: null })
  })

  test('the POS customer names one member and the email another: flagged for review, not merged, under either priority', async () => {
    const t = getApp()
    for (const priority of [undefined, ['email'] as ('phone' | 'email')[]]) {
      const { tenantId, merchantId } = await shop()
      const scope = { tenantId }
      const a = await findOrCreateMemberByIdentity(t.deps.dbh.db, scope, { phone: '+15555550101' })
      const b = await findOrCreateMemberByIdentity(t.deps.dbh.db, scope, { email: 'dee@example.com' })
      await findOrCreateMemberByIdentity(t.deps.dbh.db, scope, {
        pos: { provider: 'square', externalCustomerId: 'C-A' },
        phone: '+15555550101',
      })
      if (priority) await inTenant(t.deps.dbh.db, scope, (tx) => setIdentityPriority(tx, scope, priority, new Date()))
      // The POS customer C-A is member A; the payment's email is member B's.
      await deliver(
        squarePayment({
          merchantId,
          eventId: uid('e'),
          paymentId: 'p40',
          total: 1_000,
          customerId: 'C-A',
          email: 'dee@example.com',
        }),
      )
      await processWaiting()
      const txn = await txnOf(tenantId, 'p40')
      expect(txn).toMatchObject({ state: 'unmatched', reason: 'identity_conflict' })
      expect(a.id).not.toBe(b.id)
      expect(await balanceOf(t.deps, tenantId, 'dee@example.com')).toBeNull()
    }
  })

  test('tenant priority decides which signals count: email-only ignores a phone that names someone else', async () => {
    const t = getApp()
    const { tenantId, merchantId } = await shop()
    const scope = { tenantId }
    await findOrCreateMemberByIdentity(t.deps.dbh.db, scope, { email: 'eve@example.com' })
    await inTenant(t.deps.dbh.db, scope, (tx) => setIdentityPriority(tx, scope, ['email'], new Date()))
    await deliver(
      squarePayment({ merchantId, eventId: uid('e'), paymentId: 'p50', total: 700, email: 'EVE@example.com ' }),
    )
    await processWaiting()
    expect(await balanceOf(t.deps, tenantId, 'eve@example.com')).toBe(7)
  })
})

describe('merchants and tenants', () => {
  test('unknown merchant: 200 and kept; an admin links it (audited) and it is processed once; replay adds nothing', async () => {
    const t = getApp()
    const cast = await makeCast(t.deps)
    const merchantId = uid('UNKNOWN')
    expect(
      await deliver(
        squarePayment({ merchantId, eventId: uid('e'), paymentId: 'p60', total: 1_200, email: 'fay@example.com' }),
      ),
    ).toBe(200)
    // Receipt stores it unrouted (ADR 0019); the worker finds no connection and parks it.
    await processWaiting()
    const [row] = (await inboxRows(t.deps)).filter((r) => r.externalMerchantId === merchantId)
    expect(row).toMatchObject({ status: 'unmatched_merchant', tenantId: null })

    const link = await t.json(`/api/v1/admin/tenants/${cast.tenant.id}/connections`, {
      method: 'POST',
      headers: cast.admin.headers,
      body: { provider: 'square', external_merchant_id: merchantId },
    })
    expect(link.status).toBe(201)
    expect(link.body).toMatchObject({ provider: 'square', external_merchant_id: merchantId, claimed_events: 1 })
    // A merchant cannot link accounts; only the platform admin.
    expect(
      (
        await t.json(`/api/v1/admin/tenants/${cast.tenant.id}/connections`, {
          method: 'POST',
          headers: cast.owner.headers,
          body: { provider: 'square', external_merchant_id: 'x' },
        })
      ).status,
    ).toBe(403)
    await processWaiting()
    expect(await balanceOf(t.deps, cast.tenant.id, 'fay@example.com')).toBe(12)

    const replay = await t.json(`/api/v1/admin/webhook-events/${row!.id}/replay`, {
      method: 'POST',
      headers: cast.admin.headers,
      body: { reason: 'support ticket 42' },
    })
    expect(replay.status).toBe(202)
    await processWaiting()
    expect(await balanceOf(t.deps, cast.tenant.id, 'fay@example.com')).toBe(12)
    const actions = (await listAudit(t.deps.dbh.db, { limit: 50 })).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['pos_connection.link', 'webhook_event.replay']))

    // The merchant's API shows the sale with its state.
    const list = await t.json<{ state: string; points_awarded: number }[]>(
      '/api/v1/merchant/transactions?state=awarded',
      { headers: cast.owner.headers },
    )
    expect(list.status).toBe(200)
    expect(list.body).toEqual([expect.objectContaining({ state: 'awarded', points_awarded: 12 })])
  })

  test('suspended tenant: stored and held, processed once reinstated', async () => {
    const t = getApp()
    const { tenantId, merchantId } = await shop()
    await asSystem(t.deps.dbh.db, (tx) =>
      tx.update(tenants).set({ status: 'suspended' }).where(eq(tenants.id, tenantId)),
    )
    expect(
      await deliver(
        squarePayment({ merchantId, eventId: uid('e'), paymentId: 'p70', total: 800, email: 'gus@example.com' }),
      ),
    ).toBe(200)
    const [row] = (await inboxRows(t.deps)).filter((r) => r.externalMerchantId === merchantId)
    expect(await processInboxEvent(t.deps, row!.id)).toBe('held')
    expect(await balanceOf(t.deps, tenantId, 'gus@example.com')).toBeNull()
    // Still held: the sweeper leaves it alone while the tenant is suspended.
    await sweepInbox(t.deps, { graceMs: 0 })
    await asSystem(t.deps.dbh.db, (tx) => tx.update(tenants).set({ status: 'active' }).where(eq(tenants.id, tenantId)))
    await processWaiting()
    expect(await balanceOf(t.deps, tenantId, 'gus@example.com')).toBe(8)
    const [after] = await asSystem(t.deps.dbh.db, (tx) =>
      tx.select().from(inboxEvents).where(eq(inboxEvents.id, row!.id)),
    )
    expect(after!.status).toBe('processed')
  })
})
