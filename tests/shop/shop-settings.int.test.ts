// Shop settings through the API (issue 14.1): the owner changes name, zone, branding and
// contact; staff read but cannot write; bad input is a 400 naming the field and changes
// nothing; each change is one audit record with only what changed; a zone change names the
// campaigns it moves; the consumer's wallet card carries the shop's colour and logo.
import { beforeAll, describe, expect, test } from 'bun:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../src/audit/audit.schema'
import { asSystem } from '../../src/infra/scope'
import { linkMembersToUser } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { seedWallet } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
})

const settings = (who = cast.owner) =>
  getApp().json<Record<string, unknown>>('/api/v1/merchant/settings', { headers: who.headers })
const patch = (body: unknown, who = cast.owner) =>
  getApp().json<Record<string, unknown>>('/api/v1/merchant/settings', { method: 'PATCH', headers: who.headers, body })
const audits = () =>
  asSystem(getApp().deps.dbh.db, (tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'tenant.settings.update'), eq(auditEvents.targetTenantId, cast.tenant.id))),
  )

describe('shop settings', () => {
  test('the owner saves name, zone, colour, logo and contact; the change is audited with before and after', async () => {
    const res = await patch({
      name: 'Corner Café',
      time_zone: 'America/New_York',
      brand_color: '#1A6B3C',
      logo_url: 'https://cdn.example.com/logo.png',
      contact_email: 'Hello@Corner.example',
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      name: 'Corner Café',
      time_zone: 'America/New_York',
      currency: 'USD',
      brand_color: '#1a6b3c',
      brand_text: '#ffffff',
      logo_url: 'https://cdn.example.com/logo.png',
      contact_email: 'hello@corner.example',
    })
    expect((await settings(cast.staff)).body).toMatchObject({ name: 'Corner Café', time_zone: 'America/New_York' })
    const [a, ...more] = await audits()
    expect(more).toEqual([])
    expect(a?.actorUserId).toBe(cast.owner.userId)
    expect(a?.before).toMatchObject({ time_zone: 'UTC', brand_color: null })
    expect(a?.after).toMatchObject({ time_zone: 'America/New_York', brand_color: '#1a6b3c', name: 'Corner Café' })
    // Saving the same values again changes nothing and records nothing.
    expect((await patch({ name: 'Corner Café' })).body).toMatchObject({ changed: [] })
    expect(await audits()).toHaveLength(1)
  })

  test('a light colour is saved with black text (the contrast maths is in brand-color.unit.test.ts)', async () => {
    const res = await patch({ brand_color: '#ffd700' })
    expect(res.body).toMatchObject({ brand_color: '#ffd700', brand_text: '#000000' })
  })

  test('bad values are refused with the field named, and nothing is saved', async () => {
    const before = (await settings()).body
    for (const [body, field] of [
      [{ time_zone: 'Mars/Olympus_Mons' }, 'time_zone'],
      [{ brand_color: 'green' }, 'brand_color'],
      [{ logo_url: 'http://insecure.example/logo.png' }, 'logo_url'],
      [{ logo_url: 'javascript:alert(1)' }, 'logo_url'],
      [{ contact_email: 'not an email' }, 'contact_email'],
      [{ name: '   ' }, 'name'],
      [{ name: 'Ok', owner: 'x' }, 'owner'],
      [{ redemption_value_per_100_points: -5 }, 'redemption_value_per_100_points'],
      [{ redemption_value_per_100_points: 2.5 }, 'redemption_value_per_100_points'],
    ] as const) {
      const res = await patch({ name: 'Should not stick', ...body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body).toMatchObject({ error: { code: 'validation_failed' } })
      expect(JSON.stringify(res.body)).toContain(field)
    }
    expect((await settings()).body).toEqual(before)
  })

  test('what points are worth: the owner sets it, it is audited, and the analytics price the liability with it', async () => {
    const liability = async () =>
      (
        await getApp().json<{ liability_minor: number }>('/api/v1/merchant/analytics?days=30', {
          headers: cast.owner.headers,
        })
      ).body.liability_minor
    expect((await settings()).body).toMatchObject({ redemption_value_per_100_points: 100 })
    const res = await patch({ redemption_value_per_100_points: '250' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      redemption_value_per_100_points: 250,
      changed: ['redemption_value_per_100_points'],
    })
    const audit = (await audits()).at(-1)
    expect(audit?.before).toMatchObject({ redemption_value_per_100_points: 100 })
    expect(audit?.after).toMatchObject({ redemption_value_per_100_points: 250 })
    expect(typeof (await liability())).toBe('number')
    expect((await patch({ redemption_value_per_100_points: 0 }, cast.staff)).status).toBe(403)
  })

  test('the currency follows the rules: the same one is accepted, another is a 422', async () => {
    expect((await patch({ currency: 'usd' })).status).toBe(200)
    const res = await patch({ currency: 'EUR' })
    expect(res.status).toBe(422)
    expect((await settings()).body).toMatchObject({ currency: 'USD' })
  })

  test('staff can read but not change the settings', async () => {
    expect((await settings(cast.staff)).status).toBe(200)
    const res = await patch({ name: 'Staff was here' }, cast.staff)
    expect(res.status).toBe(403)
    expect((await settings()).body).not.toMatchObject({ name: 'Staff was here' })
  })

  test('changing the zone names the campaigns it moves, and how far', async () => {
    const rules = await getApp().json<{ active: { rule_set: { rules: unknown[] } } }>('/api/v1/merchant/rules', {
      headers: cast.owner.headers,
    })
    const base = rules.body.active.rule_set.rules
    const campaign = (name: string, starts: string, ends: string | null) => ({
      kind: 'campaign_bonus',
      config: {
        name,
        starts_at: starts,
        ends_at: ends,
        windows: [{ days: ['fri'], start: '17:00', end: '19:00' }],
        points: 5,
      },
    })
    const publish = await getApp().json('/api/v1/merchant/rules', {
      method: 'POST',
      headers: cast.owner.headers,
      body: {
        rule_set: {
          schema_version: 1,
          currency: 'USD',
          rules: [
            ...base,
            campaign('Friday happy hour', '2020-01-01T00:00', null),
            campaign('Last spring', '2020-03-01T00:00', '2020-04-01T00:00'),
          ],
        },
      },
    })
    expect(publish.status).toBe(201)
    await patch({ time_zone: 'America/New_York' })
    const res = await patch({ time_zone: 'Asia/Tokyo' })
    // Tokyo is 13 or 14 hours ahead of New York depending on US daylight time; the ended campaign is not listed.
    const moved = res.body.moved_campaigns as { name: string; shift_minutes: number }[]
    expect(moved.map((m) => m.name)).toEqual(['Friday happy hour'])
    expect([13 * 60, 14 * 60]).toContain(moved[0]!.shift_minutes)
    expect((await patch({ time_zone: 'Asia/Tokyo' })).body.moved_campaigns).toEqual([])
  })

  test("the consumer's wallet card and page show the shop's colour, logo and contact, readable under the CSP", async () => {
    const { deps } = getApp()
    await patch({ brand_color: '#1a6b3c', logo_url: 'https://cdn.example.com/logo.png' })
    const { wallet } = await seedWallet(deps.dbh.db, cast.tenant.id, { phone: cast.users.consumer.phone!, points: 10 })
    await linkMembersToUser(deps.dbh.db, {
      id: cast.consumer.userId,
      phone: cast.users.consumer.phone,
      phoneVerifiedAt: new Date(),
    })
    const list = await getApp().request('/wallets', { headers: cast.consumer.headers })
    const html = await list.text()
    expect(html).toContain('class="wallet-card card shop-brand-1a6b3c')
    expect(html).toContain('href="/brand.css?c=1a6b3c"')
    expect(html).toContain('src="https://cdn.example.com/logo.png"')
    expect(list.headers.get('content-security-policy')).toContain("img-src 'self' data: https:")
    const page = await (await getApp().request(`/wallets/${wallet.id}`, { headers: cast.consumer.headers })).text()
    expect(page).toContain('class="card shop-brand-1a6b3c"')
    expect(page).toContain('href="mailto:hello@corner.example"')
    const css = await getApp().request('/brand.css?c=1a6b3c')
    expect(css.headers.get('content-type')).toStartWith('text/css')
    expect(await css.text()).toContain('background:#1a6b3c;color:#ffffff')
    expect((await getApp().request('/brand.css?c=1a6b3c;}body{display:none')).status).toBe(404)
  })
})
