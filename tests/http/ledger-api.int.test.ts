// The ledger's HTTP contract: admin adjustments with audit, person lookup, audit listing,
// merchant members, code completion outcomes, consumer wallets, and member linking.
import { eq } from 'drizzle-orm'
import { users } from '../../src/auth/auth.schema'
import { describe, expect, test } from 'bun:test'
import { inTenant } from '../../src/infra/scope'
import { REPEAT_CONFIRM_WINDOW_MS, completeRedemption, issueRedemption } from '../../src/ledger'
import { findOrCreateMemberByIdentity, linkMembersToUser } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { makeCast, makeTenant } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })

describe('ledger API', () => {
  test('members exist before sign-in; verifying the phone links them and the wallets appear', async () => {
    const { deps, json } = getApp()
    const cast = await makeCast(deps)
    const other = await makeTenant(deps)
    // A phone nobody has verified yet (a verified one links at once: tests/pos/ingest/identity-linking).
    const phone = `+1415556${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`
    await seedWallet(deps.dbh.db, cast.tenant.id, { phone, points: 12 })
    await seedWallet(deps.dbh.db, other.id, { phone: phone.replace('+1', '+1 '), points: 5 }) // same person, typed differently
    expect((await json<unknown[]>('/api/v1/consumer/wallets', { headers: cast.consumer.headers })).body).toEqual([])
    const linked = await linkMembersToUser(deps.dbh.db, {
      id: cast.consumer.userId,
      phone,
      phoneVerifiedAt: new Date(),
    })
    expect(linked).toHaveLength(2)
    expect(
      await linkMembersToUser(deps.dbh.db, { id: cast.consumer.userId, phone, phoneVerifiedAt: new Date() }),
    ).toEqual([])
    const wallets = await json<{ balance: number; tenant_name: string }[]>('/api/v1/consumer/wallets', {
      headers: cast.consumer.headers,
    })
    expect(wallets.body.map((w) => w.balance).sort()).toEqual([12, 5].sort())
    // An unverified phone links nothing.
    expect(await linkMembersToUser(deps.dbh.db, { id: 'usr_x', phone, phoneVerifiedAt: null })).toEqual([])
  })

  test('admin adjustment: ±points through the ledger, reason required, audited with before/after', async () => {
    const { deps, json } = getApp()
    const cast = await makeCast(deps)
    const { wallet } = await seedWallet(deps.dbh.db, cast.tenant.id, { points: 40 })
    const path = `/api/v1/admin/wallets/${wallet.id}/adjustments`
    expect(
      (await json(path, { method: 'POST', headers: cast.admin.headers, body: { points: 10, reason: '  ' } })).status,
    ).toBe(400)
    expect(
      (await json(path, { method: 'POST', headers: cast.owner.headers, body: { points: 10, reason: 'x' } })).status,
    ).toBe(403)
    const add = await json<{ type: string; points: number; balance_after: number }>(path, {
      method: 'POST',
      headers: cast.admin.headers,
      body: { points: 10, reason: 'Till was offline' },
    })
    expect(add.status).toBe(201)
    expect(add.body).toMatchObject({ type: 'adjustment', points: 10, balance_after: 50 })
    const tooMuch = await json<{ error: { code: string } }>(path, {
      method: 'POST',
      headers: cast.admin.headers,
      body: { points: -51, reason: 'typo' },
    })
    expect(tooMuch.status).toBe(422)
    expect(tooMuch.body.error.code).toBe('insufficient_points')
    expect(
      (
        await json(path, {
          method: 'POST',
          headers: cast.admin.headers,
          body: { points: -20, reason: 'Duplicate sale' },
        })
      ).status,
    ).toBe(201)
    expect(await walletSums(deps.dbh.db, wallet.id)).toEqual({ balance: 30, ledger: 30, lots: 30 })
    const audit = await json<
      { action: string; before: { balance: number }; after: { balance: number }; reason: string; actor: string }[]
    >(`/api/v1/admin/audit-events?target_id=${wallet.id}`, { headers: cast.admin.headers })
    expect(audit.body.map((a) => [a.action, a.before.balance, a.after.balance, a.reason, a.actor])).toEqual([
      ['wallet.adjust', 50, 30, 'Duplicate sale', cast.admin.userId],
      ['wallet.adjust', 40, 50, 'Till was offline', cast.admin.userId],
    ])
    expect((await json(`/api/v1/admin/audit-events`, { headers: cast.consumer.headers })).status).toBe(403)
  })

  test('admin looks a person up by phone or email across tenants', async () => {
    const { deps, json } = getApp()
    const cast = await makeCast(deps)
    await seedWallet(deps.dbh.db, cast.tenant.id, { phone: '+14155550123', email: 'Pat@Example.com', points: 3 })
    const byEmail = await json<{ wallets: { balance: number }[]; members: { email: string }[] }>(
      '/api/v1/admin/consumers?email=pat@example.com',
      { headers: cast.admin.headers },
    )
    expect(byEmail.body.members[0]?.email).toBe('pat@example.com')
    expect(byEmail.body.wallets.map((w) => w.balance)).toEqual([3])
    const byPhone = await json<{ wallets: unknown[] }>(
      `/api/v1/admin/consumers?phone=${encodeURIComponent('(415) 555-0123')}`,
      { headers: cast.admin.headers },
    )
    expect(byPhone.body.wallets).toHaveLength(1)
  })

  test('merchant members: list with search, detail with balance and ledger, other tenants invisible', async () => {
    const { deps, json } = getApp()
    const cast = await makeCast(deps)
    const mine = await seedWallet(deps.dbh.db, cast.tenant.id, { email: 'find.me@shop.test', points: 9 })
    const other = await makeTenant(deps)
    const theirs = await seedWallet(deps.dbh.db, other.id, { email: 'find.me.too@shop.test', points: 1 })
    const list = await json<{ members: { member_id: string }[]; next_cursor: string | null }>(
      '/api/v1/merchant/members?q=find.me',
      { headers: cast.staff.headers },
    )
    expect(list.body.members.map((m) => m.member_id)).toEqual([mine.member.id])
    expect(list.body.next_cursor).toBeNull()
    const detail = await json<{ balance: number; entries: { type: string }[] }>(
      `/api/v1/merchant/members/${mine.member.id}`,
      { headers: cast.staff.headers },
    )
    expect(detail.body.balance).toBe(9)
    expect(detail.body.entries.map((e) => e.type)).toEqual(['earn'])
    expect((await json(`/api/v1/merchant/members/${theirs.member.id}`, { headers: cast.staff.headers })).status).toBe(
      404,
    )
    expect((await json('/api/v1/merchant/members', { headers: cast.consumer.headers })).status).toBe(403)
  })

  test('completing a code: 200, the same 200 on a repeat within the window, then 409; unknown 404; expired 410; another tenant 404', async () => {
    const { deps, json } = getApp()
    const db = deps.dbh.db
    const cast = await makeCast(deps)
    const { wallet, scope } = await seedWallet(db, cast.tenant.id, { points: 100 })
    const now = new Date()
    const live = await inTenant(db, scope, (tx) =>
      issueRedemption(tx, scope, { walletId: wallet.id, points: 10, shopName: 'S', now }),
    )
    const old = await inTenant(db, scope, (tx) =>
      issueRedemption(tx, scope, {
        walletId: wallet.id,
        points: 10,
        shopName: 'S',
        now: new Date(now.getTime() - 16 * 60_000),
      }),
    )
    const complete = (code: string, headers = cast.staff.headers) =>
      json<{ error?: { code: string }; status?: string }>(`/api/v1/merchant/redemptions/${code}/complete`, {
        method: 'POST',
        headers,
      })
    const other = await makeCast(deps)
    expect((await complete(live.code, other.staff.headers)).status).toBe(404)
    const first = await complete(live.code)
    expect([first.status, first.body.status]).toEqual([200, 'completed'])
    // A double click or a retry moments later is the same success, not "already used".
    const repeat = await complete(live.code)
    expect([repeat.status, repeat.body]).toEqual([200, first.body])
    // Once the window has passed, the code reads as used.
    const later = new Date(now.getTime() + REPEAT_CONFIRM_WINDOW_MS + 60_000)
    const reuse = await inTenant(db, scope, (tx) =>
      completeRedemption(tx, scope, { code: live.code, staffUserId: cast.staff.userId, now: later }),
    ).catch((e) => e)
    expect(reuse.code).toBe('already_used')
    expect((await complete('ZZZZZZZZZZ')).status).toBe(404)
    expect((await complete('not-a-code!')).status).toBe(404)
    const late = await complete(old.code)
    expect([late.status, late.body.error?.code]).toEqual([410, 'expired'])
  })

  test('bad input: a non-positive amount is 400 and a foreign wallet 404, never a 500', async () => {
    const { deps, json } = getApp()
    const cast = await makeCast(deps)
    const { wallet } = await seedWallet(deps.dbh.db, cast.tenant.id, { phone: cast.users.consumer.phone!, points: 10 })
    await linkMembersToUser(deps.dbh.db, {
      id: cast.consumer.userId,
      phone: cast.users.consumer.phone,
      phoneVerifiedAt: new Date(),
    })
    const zero = await json<{ error: { code: string } }>('/api/v1/consumer/redemptions', {
      method: 'POST',
      headers: cast.consumer.headers,
      body: { wallet_id: wallet.id, points: 0 },
    })
    expect(zero.status).toBe(400)
    const notMine = await json('/api/v1/consumer/redemptions', {
      method: 'POST',
      headers: cast.consumer.headers,
      body: { wallet_id: 'wal_nope', points: 1 },
    })
    expect(notMine.status).toBe(404)
  })

  test('erasure pseudonymises the member and keeps the ledger totals', async () => {
    const { deps, json } = getApp()
    const cast = await makeCast(deps)
    const { wallet, member } = await seedWallet(deps.dbh.db, cast.tenant.id, {
      phone: cast.users.consumer.phone!,
      points: 25,
    })
    await linkMembersToUser(deps.dbh.db, {
      id: cast.consumer.userId,
      phone: cast.users.consumer.phone,
      phoneVerifiedAt: new Date(),
    })
    expect(
      (await getApp().request('/api/v1/consumer/me', { method: 'DELETE', headers: cast.consumer.headers })).status,
    ).toBe(204)
    const detail = await json<{ phone: string | null; balance: number }>(`/api/v1/merchant/members/${member.id}`, {
      headers: cast.owner.headers,
    })
    expect(detail.body).toMatchObject({ phone: null, balance: 25 })
    expect((await walletSums(deps.dbh.db, wallet.id)).ledger).toBe(25)
    // The same phone at the till later is a new member, not the erased one.
    const fresh = await findOrCreateMemberByIdentity(
      deps.dbh.db,
      { tenantId: cast.tenant.id },
      { phone: cast.users.consumer.phone! },
    )
    expect(fresh.id).not.toBe(member.id)
    // The identity is gone too: the session ended at once and no contact detail remains.
    expect((await json('/api/v1/me', { headers: cast.consumer.headers })).status).toBe(401)
    const [user] = await deps.dbh.db.select().from(users).where(eq(users.id, cast.consumer.userId))
    expect(user).toMatchObject({ phone: null, email: null })
    expect(user?.erasedAt).toBeInstanceOf(Date)
  })
})
