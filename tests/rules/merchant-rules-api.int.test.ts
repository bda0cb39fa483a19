// Merchant rules API (api-v1.md): roles, tenant isolation, field-level validation that saves
// nothing, optimistic concurrency, and previews under a draft.
import { beforeAll, describe, expect, test } from 'bun:test'
import { useTestApp } from '../helpers/app'
import { type Caller, makeCast, makeTenant } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
type Cast = Awaited<ReturnType<typeof makeCast>>
let shop: Cast
let other: Cast

beforeAll(async () => {
  const deps = getApp().deps
  shop = await makeCast(deps, await makeTenant(deps, { timeZone: 'America/New_York' }))
  other = await makeCast(deps)
})

type VersionJson = {
  rule_version_id: string
  version: number
  active: boolean
  changes: string[]
  rule_set: { rules: unknown[] }
}
type RulesJson = { active: VersionJson; versions: VersionJson[] }
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } }

const rulesOf = (c: Caller) => getApp().json<RulesJson>('/api/v1/merchant/rules', { headers: c.headers })
const publish = (c: Caller, body: unknown) =>
  getApp().json<VersionJson & ErrorJson>('/api/v1/merchant/rules', { method: 'POST', headers: c.headers, body })
const preview = (c: Caller, body: unknown) =>
  getApp().json<
    {
      points: number
      explanation: string
      trace: Record<string, unknown>[]
      rule_version_id: string | null
    } & ErrorJson
  >('/api/v1/merchant/rules/preview', { method: 'POST', headers: c.headers, body })

const ruleSet = (points: number, extra: object[] = []) => ({
  schema_version: 1,
  currency: 'USD',
  rules: [{ kind: 'points_per_spend', config: { points, per_minor_units: 100 } }, ...extra],
})
const happyHour = {
  kind: 'campaign_multiplier',
  config: {
    name: 'Tuesday happy hour',
    multiplier: 2,
    starts_at: '2026-01-01T00:00',
    windows: [{ days: ['tue'], start: '17:00', end: '19:00' }],
  },
}

describe('GET /api/v1/merchant/rules', () => {
  test('owner and staff see the active version and its history; a new shop starts on the api-v1 default', async () => {
    for (const caller of [shop.owner, shop.staff]) {
      const res = await rulesOf(caller)
      expect(res.status).toBe(200)
      expect(res.body.active).toMatchObject({ version: 1, active: true, changes: ['Initial rules'] })
      expect(res.body.versions.map((v) => v.version)).toEqual([1])
    }
  })

  test('a consumer is refused (403) and an anonymous caller must sign in (401)', async () => {
    expect((await rulesOf(shop.consumer)).status).toBe(403)
    expect((await getApp().json('/api/v1/merchant/rules')).status).toBe(401)
  })
})

describe('POST /api/v1/merchant/rules', () => {
  test('staff and consumers cannot publish, and nothing is saved', async () => {
    for (const caller of [shop.staff, shop.consumer]) {
      const res = await publish(caller, { rule_set: ruleSet(5) })
      expect(res.status).toBe(403)
    }
    expect((await rulesOf(shop.owner)).body.versions).toHaveLength(1)
  })

  test('an invalid rule set is a 400 with a message per field, never echoes the input, and saves nothing', async () => {
    const res = await publish(shop.owner, {
      rule_set: ruleSet(0, [
        { kind: 'campaign_bonus', config: { name: 'SECRET-<b>promo</b>', points: 10, starts_at: '2026-02-30T10:00' } },
      ]),
    })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
    expect(res.body.error.fields).toEqual({
      'rule_set.rules.0.config.points': 'Award at least 1 point',
      'rule_set.rules.1.config.starts_at': 'Enter a real date and time like 2026-12-01T09:00',
    })
    expect(JSON.stringify(res.body)).not.toContain('SECRET')
    expect((await rulesOf(shop.owner)).body.versions).toHaveLength(1)
  })

  test('the owner publishes version 2 (201); history keeps version 1 and says what changed', async () => {
    const res = await publish(shop.owner, { rule_set: ruleSet(2, [happyHour]), base_version: 1 })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ version: 2, active: true })
    expect(res.body.changes).toEqual([
      'Points per spend: 1 pt per $1.00 → 2 pts per $1.00',
      "Added campaign 'Tuesday happy hour': ×2, from 2026-01-01 00:00, Tue 17:00–19:00",
      'Removed redemption limits: min none, max none, codes valid 15 min',
    ])
    const after = await rulesOf(shop.staff)
    expect(after.body.active.version).toBe(2)
    expect(after.body.versions.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ])
  })

  test('publishing from a stale base version is a 409 conflict', async () => {
    const res = await publish(shop.owner, { rule_set: ruleSet(7), base_version: 1 })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('conflict')
    expect((await rulesOf(shop.owner)).body.active.version).toBe(2)
  })

  test('the tenant comes from the token: another shop neither sees nor changes these rules', async () => {
    const theirs = await rulesOf(other.owner)
    expect(theirs.body.versions.map((v) => v.version)).toEqual([1])
    expect(theirs.body.versions[0]!.rule_version_id).not.toBe(
      (await rulesOf(shop.owner)).body.versions.at(-1)!.rule_version_id,
    )
    const res = await publish(other.owner, { rule_set: ruleSet(9), tenant_id: shop.tenant.id })
    expect(res.status).toBe(201)
    expect((await rulesOf(shop.owner)).body.active.version).toBe(2)
    expect((await rulesOf(other.owner)).body.active.version).toBe(2)
  })
})

describe('POST /api/v1/merchant/rules/preview', () => {
  test('under a draft: points, trace and the consumer sentence, judged in the shop time zone', async () => {
    // 2026-03-10 is a Tuesday; 22:30 UTC is 18:30 in New York.
    const res = await preview(shop.staff, {
      rule_set: ruleSet(1, [happyHour]),
      transaction: { total: 2_574, subtotal: 2_340, tax: 234 },
      occurred_at: '2026-03-10T22:30:00Z',
    })
    expect(res.status).toBe(200)
    expect(res.body.points).toBe(46)
    expect(res.body.explanation).toBe('$23.40 before tax → 23 pts × 2 Tuesday happy hour = 46 pts')
    expect(res.body.trace.at(-1)).toEqual({ step: 'total', points: 46 })
    expect(res.body.rule_version_id).toBeNull()
  })

  test('without a draft it previews the active version, which a publish replaces at once', async () => {
    const res = await preview(shop.owner, { transaction: { total: 1_000 }, occurred_at: '2026-03-11T12:00:00Z' })
    expect(res.body.points).toBe(20)
    const active = (await rulesOf(shop.owner)).body.active
    expect(res.body.rule_version_id).toBe(active.rule_version_id)
  })

  test('an invalid draft or sale is a 400 naming the fields; a consumer is refused', async () => {
    const bad = await preview(shop.owner, {
      rule_set: ruleSet(1, [{ ...happyHour, config: { ...happyHour.config, multiplier: 1 } }]),
      transaction: { total: 100 },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields).toEqual({
      'rule_set.rules.1.config.multiplier': 'The multiplier must be more than 1',
    })
    const badSale = await preview(shop.owner, { transaction: { total: 10.5 } })
    expect(badSale.status).toBe(400)
    expect(badSale.body.error.fields).toEqual({ 'transaction.total': 'Amounts are whole minor units' })
    expect((await preview(shop.consumer, { transaction: { total: 100 } })).status).toBe(403)
  })
})
