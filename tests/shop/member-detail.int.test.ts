// A member as their shop sees them (issue 14.3): balance, open lots and when they expire (in
// the shop's zone), linked POS customer ids, the history with explanations; and the owner's
// adjustment with a reason: audited, idempotent by key (API) and by attempt (portal form),
// never below zero, and explained to the member in the shop's name.
import { beforeAll, describe, expect, test } from 'bun:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../src/audit/audit.schema'
import { asSystem } from '../../src/infra/scope'
import { memberPosIds, members } from '../../src/members'
import { newId } from '../../src/shared/ids'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>
let memberId: string
let walletId: string

beforeAll(async () => {
  const { deps } = getApp()
  cast = await makeCast(deps)
  await getApp().json('/api/v1/merchant/settings', {
    method: 'PATCH',
    headers: cast.owner.headers,
    body: { name: 'Corner Café', time_zone: 'America/New_York' },
  })
  const seeded = await seedWallet(deps.dbh.db, cast.tenant.id, {
    phone: '+14155550142',
    points: 120,
    expiresAt: new Date('2027-01-01T04:59:00Z'),
  })
  memberId = seeded.member.id
  walletId = seeded.wallet.id
  await asSystem(deps.dbh.db, (tx) =>
    tx.insert(memberPosIds).values({
      id: newId('mbr'),
      tenantId: cast.tenant.id,
      memberId,
      provider: 'square',
      externalCustomerId: 'SQ-CUST-7781',
    }),
  )
})

const adjust = (
  body: unknown,
  headers: Record<string, string> = cast.owner.headers,
  key: string | null = crypto.randomUUID(),
) =>
  getApp().json<Record<string, unknown> & { error?: { code: string } }>(
    `/api/v1/merchant/members/${memberId}/adjustments`,
    {
      method: 'POST',
      headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
      body,
    },
  )
const balance = async () => (await walletSums(getApp().deps.dbh.db, walletId)).balance

describe('member detail', () => {
  test("the owner adds points with a reason: 201, audited, and the member reads it in the shop's name", async () => {
    const res = await adjust({ points: 30, reason: 'Coffee machine broke their order' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      type: 'adjustment',
      points: 30,
      balance_after: 150,
      explanation: 'Corner Café added 30 pts to your balance',
      reference: { type: 'shop_adjustment' },
    })
    const [audit] = await asSystem(getApp().deps.dbh.db, (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'wallet.adjust'), eq(auditEvents.targetId, walletId))),
    )
    expect(audit).toMatchObject({
      actorUserId: cast.owner.userId,
      reason: 'Coffee machine broke their order',
      before: { balance: 120 },
      after: { balance: 150, points: 30, by: 'shop_owner' },
    })
    const detail = await getApp().json<{ balance: number; entries: { explanation: string }[] }>(
      `/api/v1/merchant/members/${memberId}`,
      { headers: cast.staff.headers },
    )
    expect(detail.body.balance).toBe(150)
    expect(detail.body.entries[0]?.explanation).toBe('Corner Café added 30 pts to your balance')
  })

  test('the same Idempotency-Key replays the first answer; with another body it is a 409', async () => {
    const key = crypto.randomUUID()
    const first = await adjust({ points: -20, reason: 'Double scan' }, cast.owner.headers, key)
    const again = await adjust({ points: -20, reason: 'Double scan' }, cast.owner.headers, key)
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body.entry_id).toBe(first.body.entry_id as string)
    expect(await balance()).toBe(130)
    const reused = await adjust({ points: -25, reason: 'Double scan' }, cast.owner.headers, key)
    expect(reused).toMatchObject({ status: 409, body: { error: { code: 'idempotency_key_reused' } } })
    expect(await balance()).toBe(130)
  })

  test('a balance never goes below zero; bad input and staff are refused; nothing changes', async () => {
    expect(await adjust({ points: -131, reason: 'Too much' })).toMatchObject({
      status: 422,
      body: { error: { code: 'insufficient_points' } },
    })
    expect((await adjust({ points: 0, reason: 'Nothing' })).status).toBe(400)
    expect((await adjust({ points: 10, reason: '   ' })).status).toBe(400)
    expect((await adjust({ points: 1.5, reason: 'Half' })).status).toBe(400)
    expect((await adjust({ points: 10 })).status).toBe(400)
    expect((await adjust({ points: 10, reason: 'Staff try' }, cast.staff.headers)).status).toBe(403)
    expect(
      (
        await getApp().json('/api/v1/merchant/members/mbr_unknown/adjustments', {
          method: 'POST',
          headers: cast.owner.headers,
          body: { points: 5, reason: 'x' },
        })
      ).status,
    ).toBe(404)
    expect(await walletSums(getApp().deps.dbh.db, walletId)).toEqual({ balance: 130, ledger: 130, lots: 130 })
  })

  test('a member without a wallet yet gets one with the points added', async () => {
    const { deps } = getApp()
    const bare = newId('mbr')
    await asSystem(deps.dbh.db, (tx) =>
      tx.insert(members).values({ id: bare, tenantId: cast.tenant.id, email: 'walk.in@example.com' }),
    )
    const res = await getApp().json<{ balance_after: number }>(`/api/v1/merchant/members/${bare}/adjustments`, {
      method: 'POST',
      headers: cast.owner.headers,
      body: { points: 15, reason: 'Welcome gift' },
    })
    expect(res).toMatchObject({ status: 201, body: { balance_after: 15 } })
  })

  test("the member's page shows balance, lots with expiry in the shop's zone, POS ids and the history", async () => {
    const page = await (await getApp().request(`/merchant/members/${memberId}`, { headers: cast.owner.headers })).text()
    expect(page).toContain('id="member-points">130<')
    // 2027-01-01T04:59Z is still New Year's Eve in New York.
    expect(page).toContain('2026-12-31 23:59')
    expect(page).toContain('Dates in America/New_York')
    expect(page).toContain('SQ-CUST-7781')
    expect(page).toContain('Corner Café added 30 pts to your balance')
    expect(page).toContain('Corner Café removed 20 pts from your balance')
    expect(page).toContain('id="adjust-form"')
    const asStaff = await (
      await getApp().request(`/merchant/members/${memberId}`, { headers: cast.staff.headers })
    ).text()
    expect(asStaff).toContain('SQ-CUST-7781')
    expect(asStaff).not.toContain('id="adjust-form"')
  })

  test('the portal form: a double submit of one attempt adjusts once; a typo is a 422 that keeps what was typed', async () => {
    const csrf = {
      cookie: 'sa_csrf=formformformformformformformform',
      'x-csrf-token': 'formformformformformformformform',
      'hx-request': 'true',
    }
    const post = (form: Record<string, string>) =>
      getApp().request(`/merchant/members/${memberId}/adjustments`, {
        method: 'POST',
        headers: { ...cast.owner.headers, ...csrf, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      })
    const attempt = { points: '+10', reason: 'Birthday', request_key: crypto.randomUUID() }
    const [a, b] = await Promise.all([post(attempt), post(attempt)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(await a.text()).toContain('id="member-points">140<')
    expect(await balance()).toBe(140)
    const typo = await post({ points: 'ten', reason: 'Birthday', request_key: crypto.randomUUID() })
    expect(typo.status).toBe(422)
    const html = await typo.text()
    expect(html).toContain('Enter a whole number of points')
    expect(html).toContain('value="ten"')
    expect(await balance()).toBe(140)
  })
})
