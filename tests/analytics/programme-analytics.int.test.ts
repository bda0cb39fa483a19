// Programme analytics (issue 14.6): every figure of GET /api/v1/merchant/analytics checked
// against a ledger built by hand, in a shop in New York (a sale late on Sep 30 local time is
// October in UTC and must count for September), read before and after the worker's rollups.
import { describe, expect, test } from 'bun:test'
import { sql } from 'drizzle-orm'
import { rollupTenantActivity } from '../../src/analytics'
import { execRows } from '../../src/infra/db'
import { asSystem, inTenant } from '../../src/infra/scope'
import {
  completeRedemption,
  earn,
  ensureWallet,
  expireDueLots,
  expireRedemption,
  issueRedemption,
  reverseEarnPart,
  rollupTenantFlows,
} from '../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })

const NOW = new Date('2026-11-20T17:00:00Z') // Nov 20, 12:00 in New York
type Analytics = {
  days: number
  window_start: string
  repeat_visit_rate: number | null
  visitors: number
  repeat_visitors: number
  active_30d: number
  active_90d: number
  points_issued: number
  points_redeemed: number
  points_expired: number
  breakage_rate: number | null
  redemption_rate: number | null
  points_outstanding: number
  liability_minor: number
  currency: string
  top_members: {
    member_id: string
    email: string | null
    phone: string | null
    contact_masked: boolean
    visits: number
    points_earned: number
    balance: number
  }[]
  cohorts: {
    month: string
    members: number
    retention: { month: string; offset: number; members: number; rate: number | null }[]
  }[]
}

async function handBuiltShop() {
  const { deps } = getApp()
  deps.clock = () => NOW
  const db = deps.dbh.db
  const cast = await makeCast(deps)
  const scope = { tenantId: cast.tenant.id }
  // 100 points are worth $2.50 when redeemed.
  await asSystem(db, (tx) =>
    tx.execute(
      sql`update tenants set time_zone = 'America/New_York', redemption_value_per_100_points = 250 where id = ${scope.tenantId}`,
    ),
  )
  const at = (iso: string) => new Date(iso)
  const [ana, ben, cleo, dan] = await inTenant(db, scope, async (tx) => {
    const wallet = async (identity: { email: string } | { phone: string }) =>
      (
        await ensureWallet(
          tx,
          scope,
          (
            await findOrCreateMemberByIdentity(tx, scope, identity, at('2026-09-01T12:00:00Z'))
          ).id,
        )
      ).id
    return [
      await wallet({ email: 'ana@example.com' }),
      await wallet({ phone: '+14155550101' }),
      await wallet({ email: 'cleo@example.com' }),
      await wallet({ phone: '+14155550102' }),
    ]
  })
  const sale = (
    walletId: string | undefined,
    ref: string,
    points: number,
    when: string,
    expiresAt: Date | null = null,
  ) =>
    earn(db, scope, {
      walletId: walletId!,
      points,
      referenceType: 'pos_txn',
      referenceId: ref,
      ruleVersionId: null,
      explanation: 'x',
      now: at(when),
      expiresAt,
    })
  // September: ana's first visit; ben's only one, at 23:30 on Sep 30 in New York (Oct 1 in UTC).
  await sale(ana, 's1', 100, '2026-09-10T15:00:00Z')
  await sale(ben, 's2', 50, '2026-10-01T03:30:00Z')
  // October: ana comes back; cleo's first visit.
  await sale(ana, 's3', 30, '2026-10-15T15:00:00Z')
  await sale(cleo, 's4', 40, '2026-10-20T15:00:00Z')
  return { deps, db, cast, scope, at, sale, wallets: { ana: ana!, ben: ben!, cleo: cleo!, dan: dan! } }
}

describe('programme analytics', () => {
  test('each figure matches the hand-built ledger, before and after the rollups, and staff see masked contacts', async () => {
    const { deps, db, cast, scope, at, sale, wallets } = await handBuiltShop()
    const { json } = getApp()
    // A first activity rollup in late October: the later visits arrive in a second batch.
    expect((await rollupTenantActivity(db, scope.tenantId, at('2026-10-25T00:00:00Z'))).visits).toBe(4)

    // The last seven days (Nov 14–20 in New York).
    await sale(wallets.ana, 's5', 20, '2026-11-18T15:00:00Z')
    const used = await inTenant(db, scope, (tx) =>
      issueRedemption(tx, scope, {
        walletId: wallets.ana,
        points: 50,
        shopName: 'Shop',
        now: at('2026-11-18T15:05:00Z'),
      }),
    )
    await inTenant(db, scope, (tx) =>
      completeRedemption(tx, scope, {
        code: used.code,
        staffUserId: cast.users.staff.id,
        now: at('2026-11-18T15:06:00Z'),
      }),
    )
    await sale(wallets.cleo, 's6', 10, '2026-11-19T15:00:00Z')
    await sale(wallets.dan, 's7', 60, '2026-11-19T16:00:00Z', at('2026-11-19T20:00:00Z'))
    // A birthday gift is issued points but not a visit; a code left to lapse gives its points back.
    await earn(db, scope, {
      walletId: wallets.ben,
      points: 15,
      referenceType: 'birthday',
      referenceId: 'b1',
      ruleVersionId: null,
      explanation: 'x',
      now: at('2026-11-19T12:00:00Z'),
    })
    const lapsed = await inTenant(db, scope, (tx) =>
      issueRedemption(tx, scope, {
        walletId: wallets.cleo,
        points: 10,
        shopName: 'Shop',
        now: at('2026-11-19T15:10:00Z'),
      }),
    )
    await expireRedemption(db, scope, lapsed.id, at('2026-11-19T15:30:00Z'))
    await reverseEarnPart(db, scope, {
      award: { referenceType: 'pos_txn', referenceId: 's5' },
      referenceType: 'pos_refund',
      referenceId: 'r1',
      points: 5,
      now: at('2026-11-19T18:00:00Z'),
    })
    await expireDueLots(db, at('2026-11-19T21:00:00Z'))
    await rollupTenantActivity(db, scope.tenantId, NOW)

    const read = async () => {
      const r = await json<Analytics>('/api/v1/merchant/analytics?days=7', { headers: cast.owner.headers })
      expect(r.status).toBe(200)
      return r.body
    }
    const before = await read() // points from the ledger alone (no flow rollup yet)
    // Issued: 20 + 10 + 60 (sales) + 15 (gift) − 5 (refund); redeemed: 50 + 10 − 10 (lapsed code); expired: dan's 60.
    expect(before).toMatchObject({
      days: 7,
      window_start: '2026-11-14T05:00:00.000Z',
      points_issued: 100,
      points_redeemed: 50,
      points_expired: 60,
      breakage_rate: 0.6,
      redemption_rate: 0.5,
      // Balances: ana 95, ben 65, cleo 50, dan 0; at $2.50 per 100 points.
      points_outstanding: 210,
      liability_minor: 525,
      currency: 'USD',
      // Visited in the window: ana (3 visits in all), cleo (2), dan (1).
      visitors: 3,
      repeat_visitors: 2,
      repeat_visit_rate: 0.6667,
      // Ben's last visit (Oct 1) is 50 days ago.
      active_30d: 3,
      active_90d: 4,
    })
    expect(before.top_members.map((m) => [m.email ?? m.phone, m.visits, m.points_earned, m.balance])).toEqual([
      ['ana@example.com', 3, 150, 95],
      ['cleo@example.com', 2, 50, 50],
      ['+14155550102', 1, 60, 0],
    ])
    // Twelve months of cohorts; September's two (ana, ben): half came back in October and in November.
    expect(before.cohorts).toHaveLength(12)
    expect(before.cohorts.at(-1)?.month).toBe('2026-11')
    const byMonth = Object.fromEntries(
      before.cohorts.filter((c) => c.members).map((c) => [c.month, [c.members, c.retention.map((r) => r.rate)]]),
    )
    expect(byMonth).toEqual({ '2026-09': [2, [0.5, 0.5]], '2026-10': [1, [1]], '2026-11': [1, []] })
    expect(before.cohorts[0]?.retention).toHaveLength(11)

    // The worker's flow rollup (and a racing second activity pass) change nothing.
    await rollupTenantFlows(db, scope.tenantId, NOW)
    await Promise.all([
      rollupTenantActivity(db, scope.tenantId, NOW),
      rollupTenantActivity(db, scope.tenantId, new Date(NOW.getTime() + 60_000)),
    ])
    expect(await read()).toEqual(before)

    // A wider window takes in September and October; ben's birthday gift still is not a visit.
    const quarter = (await json<Analytics>('/api/v1/merchant/analytics?days=90', { headers: cast.owner.headers })).body
    expect(quarter).toMatchObject({
      points_issued: 325 - 5,
      points_redeemed: 50,
      points_expired: 60,
      visitors: 4,
      repeat_visitors: 2,
      repeat_visit_rate: 0.5,
    })

    // Staff get the same figures with masked contacts.
    const staff = (await json<Analytics>('/api/v1/merchant/analytics?days=7', { headers: cast.staff.headers })).body
    expect(staff.points_issued).toBe(100)
    expect(staff.top_members.every((m) => m.contact_masked)).toBe(true)
    expect(JSON.stringify(staff.top_members)).not.toContain('ana@example.com')
    expect(JSON.stringify(staff.top_members)).not.toContain('4155550102')

    // The overview page shows the same figures, its charts and their table fallbacks.
    const page = await (
      await getApp().request('/merchant?days=7', { headers: { ...cast.owner.headers, accept: 'text/html' } })
    ).text()
    expect(page).toContain('id="repeat-visit-rate">66.7 %<')
    expect(page).toContain('id="liability">$5.25<')
    expect(page).toContain('id="cohort-chart"')
    expect(page).toContain('<table id="cohort-table">')
    expect(page).toContain('<table id="points-table">')
    deps.clock = () => new Date()
  })

  test('active and repeat counts are exact when 30 or 90 days ago falls inside an hour, and the hourly counts agree with the members', async () => {
    const { deps } = getApp()
    const now = new Date('2026-11-20T17:40:00Z') // 30 days ago is Oct 21, 17:40 UTC; 90 days ago Aug 22, 17:40
    deps.clock = () => now
    const db = deps.dbh.db
    const cast = await makeCast(deps)
    const scope = { tenantId: cast.tenant.id }
    const visit = async (who: string, ref: string, iso: string) => {
      const walletId = await inTenant(db, scope, async (tx) => {
        const m = await findOrCreateMemberByIdentity(tx, scope, { email: `${who}@example.com` }, new Date(iso))
        return (await ensureWallet(tx, scope, m.id)).id
      })
      await earn(db, scope, {
        walletId,
        points: 10,
        referenceType: 'pos_txn',
        referenceId: ref,
        ruleVersionId: null,
        explanation: 'x',
        now: new Date(iso),
      })
    }
    await visit('twice', 'a1', '2026-10-01T09:00:00Z')
    await visit('old', 'a2', '2026-08-22T17:39:00Z') // a minute before the 90-day edge
    await rollupTenantActivity(db, scope.tenantId, new Date('2026-10-21T17:00:00Z'))
    // The second pass moves twice's last visit into the edge hour and makes them a repeater.
    await visit('early', 'a3', '2026-10-21T17:20:00Z') // same hour as the 30-day edge, before it
    await visit('late', 'a4', '2026-10-21T17:50:00Z') // same hour, after it
    await visit('next', 'a5', '2026-10-21T18:10:00Z')
    await visit('twice', 'a6', '2026-10-21T17:45:00Z')
    await rollupTenantActivity(db, scope.tenantId, now)

    const r = await getApp().json<Analytics>('/api/v1/merchant/analytics?days=30', { headers: cast.owner.headers })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ active_30d: 3, active_90d: 4, visitors: 0, repeat_visitors: 0 })
    const year = await getApp().json<Analytics>('/api/v1/merchant/analytics?days=365', { headers: cast.owner.headers })
    expect(year.body).toMatchObject({ visitors: 5, repeat_visitors: 1 })

    type Hour = { hour: string; members: number; repeaters: number }
    const [hist, facts] = await asSystem(db, async (tx) => [
      await execRows<Hour>(
        tx,
        sql`select hour::text, members, repeaters from member_visit_hours where tenant_id = ${scope.tenantId} and members <> 0 order by hour`,
      ),
      await execRows<Hour>(
        tx,
        sql`select date_bin('1 hour', last_visit_at, 'epoch'::timestamptz)::text as hour, count(*)::int as members, (count(*) filter (where visits >= 2))::int as repeaters
              from member_activity where tenant_id = ${scope.tenantId} group by 1 order by 1`,
      ),
    ])
    expect(hist).toEqual(facts)
    expect(hist).toHaveLength(3) // Aug 22 17h, Oct 21 17h (early, late, twice), Oct 21 18h; Oct 1 9h emptied
    deps.clock = () => new Date()
  })

  test('days must be a whole number from 7 to 365 (400, as all bad input in api-v1); nobody outside the shop gets figures', async () => {
    const { deps } = getApp()
    deps.clock = () => new Date()
    const cast = await makeCast(deps)
    const { json, request } = getApp()
    for (const days of ['6', '366', 'abc', '30.5']) {
      const r = await json<{ error: { code: string } }>(`/api/v1/merchant/analytics?days=${days}`, {
        headers: cast.owner.headers,
      })
      expect(r.status, days).toBe(400)
      expect(r.body.error.code).toBe('validation_failed')
    }
    // A shop with no sales answers zeros and no rates rather than dividing by zero.
    const empty = await json<Analytics>('/api/v1/merchant/analytics?days=7', { headers: cast.owner.headers })
    expect(empty.status).toBe(200)
    expect(empty.body).toMatchObject({
      points_issued: 0,
      breakage_rate: null,
      redemption_rate: null,
      repeat_visit_rate: null,
      visitors: 0,
      top_members: [],
    })
    expect((await json('/api/v1/merchant/analytics', { headers: cast.consumer.headers })).status).toBe(403)
    expect((await request('/api/v1/merchant/analytics', { headers: { accept: 'application/json' } })).status).toBe(401)
    expect(
      (await request('/merchant?days=3', { headers: { ...cast.owner.headers, accept: 'text/html' } })).status,
    ).toBe(400)
  })
})
