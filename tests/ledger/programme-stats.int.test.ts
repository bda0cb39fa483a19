// The merchant overview: the liability figure and the per-day flows a merchant reads, checked
// against a ledger we build by hand, including a day boundary in the shop's time zone.
import { describe, expect, test } from 'bun:test'
import { sql } from 'drizzle-orm'
import { execRows } from '../../src/infra/db'
import { asSystem, inTenant } from '../../src/infra/scope'
import {
  completeRedemption,
  earn,
  ensureWallet,
  expireDueLots,
  expireRedemption,
  issueRedemption,
  pointsBreakdown,
  programmeStats,
  reverseEarnPart,
  rollupTenantFlows,
} from '../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })

describe('merchant overview', () => {
  test('outstanding points, members and daily earned/spent match the ledger, by local day', async () => {
    const { deps, request } = getApp()
    const cast = await makeCast(deps)
    const scope = { tenantId: cast.tenant.id }
    // 23:30 in New York on Nov 20 is Nov 21 in UTC: it must count for Nov 20 locally.
    const lateEvening = new Date('2026-11-21T04:30:00Z')
    const nextMorning = new Date('2026-11-21T14:00:00Z')
    await inTenant(deps.dbh.db, scope, async (tx) => {
      const ana = await ensureWallet(
        tx,
        scope,
        (await findOrCreateMemberByIdentity(tx, scope, { email: 'ana@example.com' })).id,
      )
      const ben = await ensureWallet(
        tx,
        scope,
        (await findOrCreateMemberByIdentity(tx, scope, { phone: '+14155550100' })).id,
      )
      await earn(tx, scope, {
        walletId: ana.id,
        points: 40,
        referenceType: 'pos_txn',
        referenceId: 't1',
        ruleVersionId: null,
        explanation: 'x',
        now: lateEvening,
      })
      await earn(tx, scope, {
        walletId: ben.id,
        points: 25,
        referenceType: 'pos_txn',
        referenceId: 't2',
        ruleVersionId: null,
        explanation: 'x',
        now: nextMorning,
      })
      const r = await issueRedemption(tx, scope, { walletId: ana.id, points: 15, shopName: 'Shop', now: nextMorning })
      await completeRedemption(tx, scope, { code: r.code, staffUserId: cast.users.staff.id, now: nextMorning })
    })
    const stats = await programmeStats(deps.dbh.db, scope, {
      now: new Date('2026-11-22T12:00:00Z'),
      timeZone: 'America/New_York',
      days: 7,
    })
    expect(stats).toMatchObject({ outstanding: 50, members: 2, signedUp: 0, redemptionsCompleted: 1 })
    expect(stats.days).toHaveLength(7)
    expect(stats.days.at(-1)?.day).toBe('2026-11-22')
    const byDay = Object.fromEntries(stats.days.filter((d) => d.earned || d.spent).map((d) => [d.day, d]))
    expect(byDay).toEqual({
      '2026-11-20': { day: '2026-11-20', earned: 40, spent: 0 },
      '2026-11-21': { day: '2026-11-21', earned: 25, spent: 15 },
    })
    // The page shows the liability and a chart; staff see it too, consumers are sent to pick a shop.
    const page = await (await request('/merchant', { headers: { ...cast.staff.headers, accept: 'text/html' } })).text()
    expect(page).toContain('id="outstanding">50<')
    expect(page).toContain('<svg class="chart"')
    const consumer = await request('/merchant', {
      headers: { ...cast.consumer.headers, accept: 'text/html' },
      redirect: 'manual',
    })
    expect(consumer.status).toBe(303)
    expect(consumer.headers.get('location')).toBe('/account')
  })

  test('rolled-up figures equal a direct computation after sales, redemptions, refunds and expiry, between and across rollups', async () => {
    const { deps } = getApp()
    const db = deps.dbh.db
    const cast = await makeCast(deps)
    const scope = { tenantId: cast.tenant.id }
    const timeZone = 'Asia/Kolkata' // +05:30: local days straddle the 15-minute buckets' UTC hours
    const at = (day: number, hhmm: string) => new Date(`2026-11-${String(day).padStart(2, '0')}T${hhmm}:00Z`)

    /** The overview computed straight from wallets and the ledger, as it was before the rollup. */
    const direct = (now: Date) =>
      asSystem(db, async (tx) => {
        const [o] = await execRows<{ n: string }>(
          tx,
          sql`select coalesce(sum(balance), 0)::text as n from wallets where tenant_id = ${scope.tenantId}`,
        )
        const [m] = await execRows<{ n: string }>(
          tx,
          sql`select count(*)::text as n from members where tenant_id = ${scope.tenantId}`,
        )
        const flows = await execRows<{ day: string; earned: string; spent: string }>(
          tx,
          sql`select to_char(created_at at time zone ${timeZone}, 'YYYY-MM-DD') as day,
                     coalesce(sum(points) filter (where type in ('earn', 'earn_reversal')), 0)::text as earned,
                     coalesce(-sum(points) filter (where type in ('redeem', 'redeem_reversal')), 0)::text as spent
                from ledger_entries where tenant_id = ${scope.tenantId} and created_at >= ${new Date(now.getTime() - 31 * 86_400_000).toISOString()}::timestamptz group by 1`,
        )
        return {
          outstanding: Number(o!.n),
          members: Number(m!.n),
          days: Object.fromEntries(
            flows
              .filter((f) => Number(f.earned) || Number(f.spent))
              .map((f) => [f.day, { earned: Number(f.earned), spent: Number(f.spent) }]),
          ),
        }
      })
    const shown = async (now: Date) => {
      const s = await programmeStats(db, scope, { now, timeZone, days: 30 })
      return {
        outstanding: s.outstanding,
        members: s.members,
        days: Object.fromEntries(
          s.days.filter((d) => d.earned || d.spent).map((d) => [d.day, { earned: d.earned, spent: d.spent }]),
        ),
      }
    }

    const [ana, ben] = await inTenant(db, scope, async (tx) => [
      await ensureWallet(
        tx,
        scope,
        (await findOrCreateMemberByIdentity(tx, scope, { email: 'ana@rollup.test' }, at(1, '08:00'))).id,
      ),
      await ensureWallet(
        tx,
        scope,
        (await findOrCreateMemberByIdentity(tx, scope, { phone: '+14155550177' }, at(1, '08:00'))).id,
      ),
    ])
    const sale = (walletId: string, ref: string, points: number, now: Date, expiresAt: Date | null = null) =>
      earn(db, scope, {
        walletId,
        points,
        referenceType: 'pos_txn',
        referenceId: ref,
        ruleVersionId: null,
        explanation: 'x',
        now,
        expiresAt,
      })

    // Day 1-3: sales (one at 18:40 UTC = 00:10 the next day in Kolkata), a code used, a code left to expire.
    await sale(ana!.id, 's1', 120, at(1, '09:07'))
    await sale(ben!.id, 's2', 45, at(1, '18:40'), at(6, '00:00'))
    const used = await inTenant(db, scope, (tx) =>
      issueRedemption(tx, scope, { walletId: ana!.id, points: 30, shopName: 'Shop', now: at(2, '10:52') }),
    )
    await inTenant(db, scope, (tx) =>
      completeRedemption(tx, scope, { code: used.code, staffUserId: cast.users.staff.id, now: at(2, '10:55') }),
    )
    const lapsed = await inTenant(db, scope, (tx) =>
      issueRedemption(tx, scope, { walletId: ana!.id, points: 20, shopName: 'Shop', now: at(3, '08:01') }),
    )
    await expireRedemption(db, scope, lapsed.id, at(3, '08:20'))
    expect(await shown(at(3, '12:00'))).toEqual(await direct(at(3, '12:00')))

    // First rollup at day 4 noon; a refund and an expiry land after its mark.
    expect((await rollupTenantFlows(db, scope.tenantId, at(4, '12:00'))).entries).toBe(5)
    await reverseEarnPart(db, scope, {
      award: { referenceType: 'pos_txn', referenceId: 's1' },
      referenceType: 'pos_refund',
      referenceId: 'r1',
      points: 25,
      now: at(5, '13:37'),
    })
    await expireDueLots(db, at(6, '00:05'))
    expect(await shown(at(6, '12:00'))).toEqual(await direct(at(6, '12:00')))

    // Two rollups racing for the same mark count each entry once; later sales stay in the tail.
    await Promise.all([
      rollupTenantFlows(db, scope.tenantId, at(7, '09:00')),
      rollupTenantFlows(db, scope.tenantId, at(7, '09:00')),
    ])
    await sale(ben!.id, 's3', 33, at(7, '08:59'))
    await findOrCreateMemberByIdentity(db, scope, { email: 'cleo@rollup.test' }, at(7, '10:00'))
    const final = await shown(at(8, '12:00'))
    expect(final).toEqual(await direct(at(8, '12:00')))
    expect(final.outstanding).toBe(120 - 30 - 25 + 33)
    expect(final.members).toBe(3) // ana and ben joined before the marks (rolled up), cleo after (tail)
    expect(final.days['2026-11-02']).toEqual({ earned: 45, spent: 30 })

    // The analytics' points since a Kolkata midnight (18:30 UTC): whole UTC days from the daily
    // flows, both ragged ends from the quarter hours, the rest from the ledger after the mark;
    // equal to the ledger summed directly, for windows across days, inside one day, after the mark.
    const sumsSince = (since: Date) =>
      asSystem(db, async (tx) => {
        const [r] = await execRows<{ net: string; spent: string; expired: string }>(
          tx,
          sql`select coalesce(sum(points), 0)::text as net,
                     coalesce(-sum(points) filter (where type in ('redeem', 'redeem_reversal')), 0)::text as spent,
                     coalesce(-sum(points) filter (where type = 'expiry'), 0)::text as expired
                from ledger_entries where tenant_id = ${scope.tenantId} and created_at >= ${since.toISOString()}::timestamptz`,
        )
        const [spent, expired] = [Number(r!.spent), Number(r!.expired)]
        return { issued: Number(r!.net) + spent + expired, redeemed: spent, expired, outstanding: final.outstanding }
      })
    for (const since of [
      at(1, '00:00'),
      new Date('2026-10-31T18:30:00Z'),
      at(1, '18:30'),
      at(4, '18:30'),
      at(6, '18:30'),
      at(7, '08:30'),
    ]) {
      const read = await inTenant(db, scope, (tx) => pointsBreakdown(tx, scope.tenantId, since))
      expect(read, since.toISOString()).toEqual(await sumsSince(since))
    }
    expect((await sumsSince(at(1, '18:30'))).issued).toBe(45 - 25 + 33) // ben's 18:40 sale, ana's refund, ben's last sale
  })
})
