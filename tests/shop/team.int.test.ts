// The shop's team through the API (issue 14.2), as an owner and the people they invite would
// use it: an invitation by email or phone arrives as a sign-in link and is accepted by signing
// in; the team list shows roles and last sign-in (masked for staff); roles change; a removed
// person's very next request is refused; the last owner cannot be removed or demoted, even by
// two owners racing; every change is in the audit log.
import { beforeAll, describe, expect, test } from 'bun:test'
import { and, eq, inArray } from 'drizzle-orm'
import { auditEvents } from '../../src/audit/audit.schema'
import { asSystem } from '../../src/infra/scope'
import { listOutbox } from '../../src/notify'
import { useTestApp } from '../helpers/app'
import { addMembership, bearer, makeCast, makeTenant, makeUser, signIn } from '../helpers/identities'

const getApp = useTestApp({
  ADMIN_EMAILS: 'admin@test.dev',
  TRUSTED_IP_HEADER: 'x-test-ip',
  APP_BASE_URL: 'https://app.salesarck.test',
})
let cast: Awaited<ReturnType<typeof makeCast>>
let ipSeq = 0

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
})

type Row = { user_id: string; role: string; destination: string; last_sign_in_at?: string }
const team = (headers: Record<string, string>) => getApp().json<Row[]>('/api/v1/merchant/team', { headers })
const inviteAs = (headers: Record<string, string>, body: unknown, extra: Record<string, string> = {}) =>
  getApp().json<{ invite_id?: string; error?: { code: string } }>('/api/v1/merchant/team/invites', {
    method: 'POST',
    headers: { ...headers, ...extra },
    body,
  })
const messagesTo = async (to: string) => (await listOutbox(getApp().deps.dbh.db)).filter((m) => m.to === to)

/** What a person does with the invitation: sign in with that destination (code from the outbox). */
async function acceptBySigningIn(destination: string) {
  const ip = { 'x-test-ip': `10.7.0.${++ipSeq}` }
  expect((await getApp().json('/api/v1/auth/otp', { method: 'POST', headers: ip, body: { destination } })).status).toBe(
    202,
  )
  const code = (await messagesTo(destination))[0]?.body.match(/\b(\d{6})\b/)?.[1]
  const res = await getApp().json<{ access_token: string }>('/api/v1/auth/verify', {
    method: 'POST',
    headers: ip,
    body: { destination, code },
  })
  expect(res.status).toBe(200)
  return bearer(res.body)
}

const auditsOf = (actions: string[]) =>
  asSystem(getApp().deps.dbh.db, (tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(inArray(auditEvents.action, actions), eq(auditEvents.targetTenantId, cast.tenant.id)))
      .orderBy(auditEvents.createdAt),
  )

describe('team', () => {
  test('an email invitation is a sign-in link; signing in with that email joins the shop as staff', async () => {
    const res = await inviteAs(cast.owner.headers, { destination: ' Cashier.One@Example.com ', role: 'merchant_staff' })
    expect(res.status).toBe(201)
    const [msg, ...others] = await messagesTo('cashier.one@example.com')
    expect(others).toEqual([])
    expect(msg?.body).toContain('https://app.salesarck.test/signin?as=merchant&destination=cashier.one%40example.com')
    expect(msg?.body).toContain('as staff')

    // Before accepting they are not on the team; the owner sees the invitation waiting.
    expect((await team(cast.owner.headers)).body.map((r) => r.destination)).not.toContain('cashier.one@example.com')

    const cashier = await acceptBySigningIn('cashier.one@example.com')
    const me = await getApp().json<{ roles: { role: string; tenant_id?: string }[]; active_tenant_id?: string }>(
      '/api/v1/me',
      { headers: cashier },
    )
    expect(me.body.roles).toContainEqual(expect.objectContaining({ role: 'merchant_staff', tenant_id: cast.tenant.id }))
    expect(me.body.active_tenant_id).toBe(cast.tenant.id)
    const row = (await team(cast.owner.headers)).body.find((r) => r.destination === 'cashier.one@example.com')
    expect(row).toMatchObject({ role: 'merchant_staff' })
    expect(Date.parse(row!.last_sign_in_at!)).not.toBeNaN()
    // Staff can do staff things in the shop they joined, and no owner things.
    expect((await getApp().json('/api/v1/merchant/members', { headers: cashier })).status).toBe(200)
    expect((await inviteAs(cashier, { destination: 'friend@example.com', role: 'merchant_owner' })).status).toBe(403)
  })

  test('a phone invitation is claimed by signing in with that phone, in any spelling', async () => {
    const res = await inviteAs(cast.owner.headers, { destination: '+1 (555) 010-4242', role: 'merchant_owner' })
    expect(res.status).toBe(201)
    const [sms] = await messagesTo('+15550104242')
    expect(sms?.channel).toBe('sms')
    expect(sms?.body).toContain('as an owner')
    const coOwner = await acceptBySigningIn('+15550104242')
    expect(
      (
        await getApp().json('/api/v1/merchant/settings', {
          method: 'PATCH',
          headers: coOwner,
          body: { contact_email: 'co@example.com' },
        })
      ).status,
    ).toBe(200)
  })

  test('the same invitation twice is one invitation; a replayed key sends no second message', async () => {
    const key = { 'idempotency-key': crypto.randomUUID() }
    const first = await inviteAs(cast.owner.headers, { destination: 'twice@example.com', role: 'merchant_staff' }, key)
    const replay = await inviteAs(cast.owner.headers, { destination: 'twice@example.com', role: 'merchant_staff' }, key)
    expect(replay.status).toBe(201)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(replay.body.invite_id).toBe(first.body.invite_id!)
    expect(await messagesTo('twice@example.com')).toHaveLength(1)
    // Without a key, the second invite reopens the same row (and re-sends: the person asked again).
    const again = await inviteAs(cast.owner.headers, { destination: 'twice@example.com', role: 'merchant_owner' })
    expect(again.body.invite_id).toBe(first.body.invite_id!)
  })

  test('bad invitations are refused: not a destination, not a role, already on the team', async () => {
    expect((await inviteAs(cast.owner.headers, { destination: '5550100', role: 'merchant_staff' })).status).toBe(400)
    expect((await inviteAs(cast.owner.headers, { destination: 'x@example.com', role: 'admin' })).status).toBe(400)
    expect((await inviteAs(cast.owner.headers, {})).status).toBe(400)
    const taken = await inviteAs(cast.owner.headers, { destination: cast.users.staff.email!, role: 'merchant_staff' })
    expect(taken.status).toBe(409)
  })

  test('owners see full contacts; staff see them masked', async () => {
    const asOwner = (await team(cast.owner.headers)).body
    const asStaff = (await team(cast.staff.headers)).body
    expect(asOwner.map((r) => r.destination)).toContain(cast.users.owner.email!)
    expect(asStaff.map((r) => r.user_id).sort()).toEqual(asOwner.map((r) => r.user_id).sort())
    expect(JSON.stringify(asStaff)).not.toContain(cast.users.owner.email!)
    expect(JSON.stringify(asStaff)).not.toContain('+15550104242')
  })

  test('a role change takes effect on the next request and is audited', async () => {
    const promote = await getApp().json(`/api/v1/merchant/team/${cast.staff.userId}`, {
      method: 'PATCH',
      headers: cast.owner.headers,
      body: { role: 'merchant_owner' },
    })
    expect(promote).toMatchObject({ status: 200, body: { user_id: cast.staff.userId, role: 'merchant_owner' } })
    expect(
      (
        await getApp().json('/api/v1/merchant/settings', {
          method: 'PATCH',
          headers: cast.staff.headers,
          body: { name: 'Promoted' },
        })
      ).status,
    ).toBe(200)
    await getApp().json(`/api/v1/merchant/team/${cast.staff.userId}`, {
      method: 'PATCH',
      headers: cast.owner.headers,
      body: { role: 'merchant_staff' },
    })
    expect(
      (
        await getApp().json('/api/v1/merchant/settings', {
          method: 'PATCH',
          headers: cast.staff.headers,
          body: { name: 'Demoted' },
        })
      ).status,
    ).toBe(403)
    const changes = (await auditsOf(['team.role_change'])).filter((a) => a.targetId === cast.staff.userId)
    expect(changes.map((a) => [a.before, a.after, a.actorUserId])).toEqual([
      [{ role: 'merchant_staff' }, { role: 'merchant_owner' }, cast.owner.userId],
      [{ role: 'merchant_owner' }, { role: 'merchant_staff' }, cast.owner.userId],
    ])
  })

  test("removal ends the person's sessions for this shop at once, and only for this shop", async () => {
    const { deps } = getApp()
    const other = await makeTenant(deps)
    const leaver = await makeUser(deps, { email: 'leaver@example.com' })
    await addMembership(deps, leaver.id, cast.tenant.id, 'merchant_staff')
    await addMembership(deps, leaver.id, other.id, 'merchant_staff')
    const here = bearer(await signIn(deps, leaver.id, cast.tenant.id))
    const elsewhere = bearer(await signIn(deps, leaver.id, other.id))
    expect((await team(here)).status).toBe(200)

    const res = await getApp().request(`/api/v1/merchant/team/${leaver.id}`, {
      method: 'DELETE',
      headers: cast.owner.headers,
    })
    expect(res.status).toBe(204)
    expect((await team(here)).status).toBe(401)
    expect((await getApp().json('/api/v1/me', { headers: here })).status).toBe(401)
    expect((await team(elsewhere)).status).toBe(200)
    expect((await team(cast.owner.headers)).body.map((r) => r.user_id)).not.toContain(leaver.id)
    // Already gone: a second removal finds nobody.
    expect(
      (await getApp().request(`/api/v1/merchant/team/${leaver.id}`, { method: 'DELETE', headers: cast.owner.headers }))
        .status,
    ).toBe(404)
    const [removed] = (await auditsOf(['team.remove'])).filter((a) => a.targetId === leaver.id)
    expect(removed).toMatchObject({ actorUserId: cast.owner.userId, before: { role: 'merchant_staff' }, after: null })
  })

  test('the last owner can be neither removed nor demoted; two owners removing each other leaves one', async () => {
    const { deps } = getApp()
    const shop = await makeTenant(deps)
    const a = await makeUser(deps, { email: 'owner.a@example.com' })
    const b = await makeUser(deps, { email: 'owner.b@example.com' })
    await addMembership(deps, a.id, shop.id, 'merchant_owner')
    const asA = bearer(await signIn(deps, a.id, shop.id))
    const del = (who: Record<string, string>, id: string) =>
      getApp().json<{ error?: { code: string } }>(`/api/v1/merchant/team/${id}`, { method: 'DELETE', headers: who })

    expect(await del(asA, a.id)).toMatchObject({ status: 422, body: { error: { code: 'rule_violation' } } })
    expect(
      (
        await getApp().json(`/api/v1/merchant/team/${a.id}`, {
          method: 'PATCH',
          headers: asA,
          body: { role: 'merchant_staff' },
        })
      ).status,
    ).toBe(422)

    await addMembership(deps, b.id, shop.id, 'merchant_owner')
    const asB = bearer(await signIn(deps, b.id, shop.id))
    const results = await Promise.all([del(asA, b.id), del(asB, a.id)])
    // The loser is refused either way: as the last owner (422), or already removed: its session
    // for this shop ended (401) or its membership is gone when the request is authorised (403).
    expect(results.filter((r) => r.status === 204)).toHaveLength(1)
    expect([401, 403, 422]).toContain(results.find((r) => r.status !== 204)!.status)
    const left = await team(results[0]!.status === 204 ? asA : asB)
    expect(left.body.filter((r) => r.role === 'merchant_owner')).toHaveLength(1)
  })

  test('the team page: owners get the controls, staff a read-only list; a refused removal is explained in place', async () => {
    const { deps } = getApp()
    const shop = await makeTenant(deps)
    const solo = await makeUser(deps, { email: 'solo.owner@example.com' })
    await addMembership(deps, solo.id, shop.id, 'merchant_owner')
    const asSolo = bearer(await signIn(deps, solo.id, shop.id))
    const csrf = {
      cookie: 'sa_csrf=teamteamteamteamteamteamteamteam',
      'x-csrf-token': 'teamteamteamteamteamteamteamteam',
      'hx-request': 'true',
    }
    const res = await getApp().request(`/merchant/team/${solo.id}/remove`, {
      method: 'POST',
      headers: { ...asSolo, ...csrf },
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('id="team"')
    expect(html).toContain('The last owner cannot be removed')
    expect((await team(asSolo)).body.map((r) => r.user_id)).toEqual([solo.id])

    const asOwner = await (await getApp().request('/merchant/team', { headers: cast.owner.headers })).text()
    const asStaff = await (await getApp().request('/merchant/team', { headers: cast.staff.headers })).text()
    expect(asOwner).toContain('id="invite-form"')
    expect(asStaff).not.toContain('id="invite-form"')
    expect(asStaff).not.toContain('/remove')
    expect(asStaff).not.toContain(cast.users.owner.email!)
  })

  test('every invitation is in the audit log without the contact itself', async () => {
    const invites = await auditsOf(['team.invite'])
    expect(invites.length).toBeGreaterThanOrEqual(4)
    for (const a of invites) {
      expect(a.actorUserId).toBe(cast.owner.userId)
      expect(JSON.stringify([a.before, a.after, a.reason])).not.toMatch(/@|\+1555/)
    }
  })
})
