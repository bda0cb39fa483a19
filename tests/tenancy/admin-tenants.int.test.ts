// Platform admin: create, suspend and reinstate tenants (api-v1), each audited; a suspended
// tenant's merchant users get 403 with a clear message; the owner invite becomes a membership.
import { describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { Elysia } from 'elysia'
import { asSystem } from '../../src/infra/scope'
import { listOutbox } from '../../src/notify'
import { ruleVersions } from '../../src/rules/rules.schema'
import { errorMapper } from '../../src/http/plugins/errors'
import { authPlugin } from '../../src/http/plugins/auth'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'root@platform.test', TRUSTED_IP_HEADER: 'x-test-ip' })
type Json = Record<string, unknown>
const post = (path: string, body: unknown, headers: Record<string, string>) =>
  getApp().json<Json>(path, { method: 'POST', body, headers })

describe('platform admin: tenants', () => {
  test('create → 201, one active rule version with the default rule, an audit record', async () => {
    const cast = await makeCast(getApp().deps)
    const r = await post(
      '/api/v1/admin/tenants',
      { name: 'Brew & Co', slug: 'brew-co', owner_email: 'Owner@Brew.test' },
      cast.admin.headers,
    )
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ slug: 'brew-co', status: 'active' })
    const id = r.body.id as string
    const versions = await asSystem(getApp().deps.dbh.db, (tx) =>
      tx.select().from(ruleVersions).where(eq(ruleVersions.tenantId, id)),
    )
    expect(versions).toHaveLength(1)
    expect(versions[0]!.version).toBe(1)
    expect(JSON.stringify(versions[0]!.ruleSet)).toContain('points_per_spend')
    const audit = await getApp().json<Json[]>(`/api/v1/admin/audit-events?target_id=${id}`, {
      headers: cast.admin.headers,
    })
    expect(audit.body[0]).toMatchObject({ action: 'tenant.create', actor: cast.admin.userId })
    // Slug taken → 409; bad input → 400 naming fields, not echoing values.
    expect(
      (await post('/api/v1/admin/tenants', { name: 'X', slug: 'brew-co', owner_email: 'a@b.co' }, cast.admin.headers))
        .status,
    ).toBe(409)
    const bad = await post(
      '/api/v1/admin/tenants',
      { name: '', slug: 'NOT OK!', owner_email: 'nope' },
      cast.admin.headers,
    )
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).not.toContain('NOT OK!')
  })

  test('the owner email becomes merchant_owner when that person signs in', async () => {
    const cast = await makeCast(getApp().deps)
    const r = await post(
      '/api/v1/admin/tenants',
      { name: 'Owned', slug: 'owned', owner_email: 'boss@owned.test' },
      cast.admin.headers,
    )
    const ip = { 'x-test-ip': '10.9.0.1' }
    await post('/api/v1/auth/otp', { destination: 'boss@owned.test' }, ip)
    const code = (await listOutbox(getApp().deps.dbh.db))
      .find((m) => m.to === 'boss@owned.test')!
      .body.match(/\d{6}/)![0]
    const v = await post('/api/v1/auth/verify', { destination: 'boss@owned.test', code }, ip)
    const me = await getApp().json<{ roles: Json[]; active_tenant_id: string }>('/api/v1/me', {
      headers: { authorization: `Bearer ${v.body.access_token}` },
    })
    expect(me.body.roles).toContainEqual(expect.objectContaining({ role: 'merchant_owner', tenant_id: r.body.id }))
    expect(me.body.active_tenant_id).toBe(r.body.id as string)
  })

  test('suspend and reinstate need a reason, are audited with before/after, and only admins may', async () => {
    const cast = await makeCast(getApp().deps)
    const id = cast.tenant.id
    expect((await post(`/api/v1/admin/tenants/${id}/suspend`, { reason: 'x' }, cast.owner.headers)).status).toBe(403)
    expect((await post(`/api/v1/admin/tenants/${id}/suspend`, { reason: '  ' }, cast.admin.headers)).status).toBe(400)
    const s = await post(`/api/v1/admin/tenants/${id}/suspend`, { reason: 'chargebacks' }, cast.admin.headers)
    expect(s.body.status).toBe('suspended')
    expect((await post(`/api/v1/admin/tenants/${id}/suspend`, { reason: 'again' }, cast.admin.headers)).status).toBe(
      409,
    )
    const back = await post(`/api/v1/admin/tenants/${id}/reinstate`, { reason: 'resolved' }, cast.admin.headers)
    expect(back.body.status).toBe('active')
    const audit = await getApp().json<Json[]>(`/api/v1/admin/audit-events?target_id=${id}`, {
      headers: cast.admin.headers,
    })
    expect(audit.body.map((e) => [e.action, e.before, e.after, e.reason])).toEqual([
      ['tenant.reinstate', { status: 'suspended' }, { status: 'active' }, 'resolved'],
      ['tenant.suspend', { status: 'active' }, { status: 'suspended' }, 'chargebacks'],
    ])
    expect((await post('/api/v1/admin/tenants/ten_nope/suspend', { reason: 'x' }, cast.admin.headers)).status).toBe(404)
  })

  test('a suspended tenant: merchant routes answer 403 with a clear page; switching to it is refused', async () => {
    const cast = await makeCast(getApp().deps)
    // A merchant route as later issues will add them, guarded by the same plugin.
    const probe = new Elysia()
      .use(errorMapper)
      .use(authPlugin(getApp().deps))
      .get('/merchant/probe', () => 'ok', { auth: 'merchant' })
    const call = (h: Record<string, string>, accept = 'application/json') =>
      probe.handle(new Request('http://localhost/merchant/probe', { headers: { ...h, accept } }))
    expect((await call(cast.staff.headers)).status).toBe(200)
    await post(`/api/v1/admin/tenants/${cast.tenant.id}/suspend`, { reason: 'fraud review' }, cast.admin.headers)
    const json = await call(cast.staff.headers)
    expect(json.status).toBe(403)
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('tenant_suspended')
    const page = await call(cast.owner.headers, 'text/html')
    expect(page.status).toBe(403)
    expect(await page.text()).toContain('This shop is suspended. Contact SalesArck support.')
    const sw = await post('/api/v1/me/active-tenant', { tenant_id: cast.tenant.id }, cast.owner.headers)
    expect(sw.status).toBe(403)
    // /me still works so the person can see what happened.
    expect((await getApp().json('/api/v1/me', { headers: cast.owner.headers })).status).toBe(200)
  })
})
