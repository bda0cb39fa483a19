// The merchant overview: the liability figure and the per-day flows a merchant reads, checked
// against a ledger we build by hand, including a day boundary in the shop's time zone.
import { describe, expect, test } from 'bun:test'
import { inTenant } from '../../src/infra/scope'
import { completeRedemption, earn, issueRedemption, programmeStats } from '../../src/ledger'
import { ensureWallet, findOrCreateMemberByIdentity } from '../../src/members'
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
      const ana = await ensureWallet(tx, scope, (await findOrCreateMemberByIdentity(tx, scope, { email: 'ana@example.com' })).id)
      const ben = await ensureWallet(tx, scope, (await findOrCreateMemberByIdentity(tx, scope, { phone: '+14155550100' })).id)
      await earn(tx, scope, { walletId: ana.id, points: 40, referenceType: 'pos_txn', referenceId: 't1', ruleVersionId: null, explanation: 'x', now: lateEvening })
      await earn(tx, scope, { walletId: ben.id, points: 25, referenceType: 'pos_txn', referenceId: 't2', ruleVersionId: null, explanation: 'x', now: nextMorning })
      const r = await issueRedemption(tx, scope, { walletId: ana.id, points: 15, shopName: 'Shop', now: nextMorning })
      await completeRedemption(tx, scope, { code: r.code, staffUserId: cast.users.staff.id, now: nextMorning })
    })
    const stats = await programmeStats(deps.dbh.db, scope, { now: new Date('2026-11-22T12:00:00Z'), timeZone: 'America/New_York', days: 7 })
    expect(stats).toMatchObject({ outstanding: 50, members: 2, signedUp: 0, redemptionsCompleted: 1 })
    expect(stats.days).toHaveLength(7)
    expect(stats.days.at(-1)?.day).toBe('2026-11-22')
    const byDay = Object.fromEntries(stats.days.filter((d) => d.earned || d.spent).map((d) => [d.day, d]))
    expect(byDay).toEqual({ '2026-11-20': { day: '2026-11-20', earned: 40, spent: 0 }, '2026-11-21': { day: '2026-11-21', earned: 25, spent: 15 } })
    // The page shows the liability and a chart; staff see it too, consumers are sent to pick a shop.
    const page = await (await request('/merchant', { headers: { ...cast.staff.headers, accept: 'text/html' } })).text()
    expect(page).toContain('id="outstanding">50<')
    expect(page).toContain('<svg class="chart"')
    const consumer = await request('/merchant', { headers: { ...cast.consumer.headers, accept: 'text/html' }, redirect: 'manual' })
    expect(consumer.status).toBe(303)
    expect(consumer.headers.get('location')).toBe('/account')
  })
})
