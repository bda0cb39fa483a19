// Reward catalog and tiers over HTTP: owners publish the catalog as a rule version, consumers
// see the next reward and redeem one, staff are told what to hand over; a member's tier comes
// from their ledger and multiplies what the next sale earns.
import { beforeAll, describe, expect, test } from 'bun:test'
import { inTenant } from '../../src/infra/scope'
import { earn, recomputeTenantTiers, refreshMemberTier, tierPointsOfMember, walletTierPoints } from '../../src/ledger'
import { linkMembersToUser } from '../../src/members'
import { evaluate, explain, getActiveRules } from '../../src/rules'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { seedWallet } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
type Cast = Awaited<ReturnType<typeof makeCast>>
type Reward = { reward_id: string; name: string; points: number; active: boolean }
type ErrorJson = { error: { code: string; fields?: Record<string, string> } }
let shop: Cast
let walletId: string

beforeAll(async () => {
  const deps = getApp().deps
  shop = await makeCast(deps)
  const { wallet } = await seedWallet(deps.dbh.db, shop.tenant.id, { phone: shop.users.consumer.phone!, points: 160 })
  walletId = wallet.id
  await linkMembersToUser(deps.dbh.db, {
    id: shop.consumer.userId,
    phone: shop.users.consumer.phone,
    phoneVerifiedAt: new Date(),
  })
})

const put = (headers: Record<string, string>, body: unknown) =>
  getApp().json<Reward[] & ErrorJson>('/api/v1/merchant/rewards', { method: 'PUT', headers, body })
const rulesVersion = async () =>
  (
    await getApp().json<{ active: { version: number; changes: string[] } }>('/api/v1/merchant/rules', {
      headers: shop.owner.headers,
    })
  ).body.active
const redeem = (body: unknown, key = crypto.randomUUID()) =>
  getApp().json<
    {
      redemption_id: string
      code: string
      points: number
      reward: { reward_id: string; name: string } | null
    } & ErrorJson
  >('/api/v1/consumer/redemptions', {
    method: 'POST',
    headers: { ...shop.consumer.headers, 'idempotency-key': key },
    body,
  })

describe('reward catalog', () => {
  let drink: Reward
  test('the owner publishes rewards as a new rule version; a repeat changes nothing; staff read but cannot write', async () => {
    expect((await put(shop.staff.headers, [{ name: 'Free drink', points: 100 }])).status).toBe(403)
    const first = await put(shop.owner.headers, [
      { name: 'Free drink', points: 100 },
      { name: '$5 off', points: 250 },
    ])
    expect(first.status).toBe(200)
    expect(first.body.map((r) => [r.name, r.points, r.active])).toEqual([
      ['Free drink', 100, true],
      ['$5 off', 250, true],
    ])
    const v = await rulesVersion()
    expect(v.changes[0]).toStartWith('Added rewards: Free drink 100 pts, $5 off 250 pts')
    expect(
      (
        await put(shop.owner.headers, [
          { name: 'Free drink', points: 100 },
          { name: '$5 off', points: 250 },
        ])
      ).body.map((r) => r.reward_id),
    ).toEqual(first.body.map((r) => r.reward_id))
    expect((await rulesVersion()).version).toBe(v.version)
    const listed = await getApp().json<Reward[]>('/api/v1/merchant/rewards', { headers: shop.staff.headers })
    expect(listed.body).toEqual(first.body)
    drink = first.body[0]!
  })

  test('a bad reward is a 400 naming its row, and saves nothing', async () => {
    const before = await rulesVersion()
    const res = await put(shop.owner.headers, { rewards: [{ name: 'Cake', points: 0 }] })
    expect([res.status, res.body.error.fields]).toEqual([
      400,
      { 'rewards.0.points': 'A reward costs at least 1 point' },
    ])
    expect((await rulesVersion()).version).toBe(before.version)
  })

  test('the wallet carries the next reward; redeeming a reward takes its points and names it; staff see what to give', async () => {
    const wallets = await getApp().json<{ wallet_id: string; next_reward?: unknown }[]>('/api/v1/consumer/wallets', {
      headers: shop.consumer.headers,
    })
    expect(wallets.body.find((w) => w.wallet_id === walletId)?.next_reward).toEqual({
      reward_id: expect.any(String),
      name: '$5 off',
      points: 250,
      points_to_go: 90,
    })
    expect((await redeem({ wallet_id: walletId, reward_id: 'rwd_not_ours' })).status).toBe(404)
    expect((await redeem({ wallet_id: walletId })).status).toBe(400)
    const key = crypto.randomUUID()
    const issued = await redeem({ wallet_id: walletId, reward_id: drink.reward_id }, key)
    expect([issued.status, issued.body.points, issued.body.reward]).toEqual([
      201,
      100,
      { reward_id: drink.reward_id, name: 'Free drink' },
    ])
    expect((await redeem({ wallet_id: walletId, reward_id: drink.reward_id }, key)).body.redemption_id).toBe(
      issued.body.redemption_id,
    )
    // 60 points left: a second drink is refused, and the balance never goes below zero.
    const again = await redeem({ wallet_id: walletId, reward_id: drink.reward_id })
    expect([again.status, again.body.error.code]).toEqual([422, 'insufficient_points'])
    const done = await getApp().json<{ reward: unknown }>(`/api/v1/merchant/redemptions/${issued.body.code}/complete`, {
      method: 'POST',
      headers: shop.staff.headers,
    })
    expect([done.status, done.body.reward]).toEqual([200, { reward_id: drink.reward_id, name: 'Free drink' }])
  })

  test('a shop that sells rewards only refuses an amount of points (422); a paused reward cannot be redeemed', async () => {
    const res = await put(shop.owner.headers, {
      rewards: [
        { name: 'Free drink', points: 100, active: false },
        { name: '$5 off', points: 250 },
      ],
      allow_custom_points: false,
    })
    expect(res.status).toBe(200)
    const custom = await redeem({ wallet_id: walletId, points: 10 })
    expect([custom.status, custom.body.error.code]).toEqual([422, 'rule_violation'])
    expect((await redeem({ wallet_id: walletId, reward_id: drink.reward_id })).status).toBe(404)
  })
})

describe('tiers', () => {
  test('tier points come from earn entries in the window; the tier multiplies the next sale and is stored per wallet', async () => {
    const { deps, json } = getApp()
    const db = deps.dbh.db
    const cast = await makeCast(deps)
    const published = await json('/api/v1/merchant/rules', {
      method: 'POST',
      headers: cast.owner.headers,
      body: {
        rule_set: {
          schema_version: 1,
          currency: 'USD',
          rules: [
            { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
            {
              kind: 'tiers',
              config: {
                window_days: 365,
                tiers: [
                  { name: 'Silver', threshold: 500, multiplier: 1.25 },
                  { name: 'Gold', threshold: 1500, multiplier: 1.5 },
                ],
              },
            },
          ],
        },
      },
    })
    expect(published.status).toBe(201)
    const now = new Date()
    const old = new Date(now.getTime() - 400 * 86_400_000)
    const { wallet, member, scope } = await seedWallet(db, cast.tenant.id, { points: 1000, now: old })
    await earn(db, scope, {
      walletId: wallet.id,
      points: 520,
      referenceType: 'test',
      referenceId: 'recent',
      ruleVersionId: null,
      explanation: 'x',
      now,
    })
    const rules = await getActiveRules(deps, cast.tenant.id)
    // The 1000 points from 400 days ago are outside the 365-day window: Silver, not Gold.
    const points = await inTenant(db, scope, (tx) => tierPointsOfMember(tx, scope, rules, member.id, now))
    expect(points).toBe(520)
    const standing = await inTenant(db, scope, (tx) => refreshMemberTier(tx, scope, rules, wallet.id, now))
    expect(standing).toMatchObject({ tier: { name: 'Silver' }, next: { name: 'Gold' }, pointsToNext: 980 })
    const sale = evaluate(
      rules.ruleSet,
      { currency: 'USD', total: 2000 },
      { now, timeZone: 'UTC', stats: { visitCount: 1, tierPoints: points } },
    )
    expect([sale.points, explain(sale.trace)]).toEqual([25, '$20.00 → 20 pts × 1.25 Silver = 25 pts'])
    const preview = await json<{ points: number; explanation: string }>('/api/v1/merchant/rules/preview', {
      method: 'POST',
      headers: cast.staff.headers,
      body: { transaction: { total: 2000 }, tier_points: 1500 },
    })
    expect([preview.body.points, preview.body.explanation]).toEqual([30, '$20.00 → 20 pts × 1.5 Gold = 30 pts'])
    // The nightly pass a year on: the 520 points have left the window, so the tier lapses.
    expect(
      await recomputeTenantTiers(db, scope, rules, new Date(now.getTime() + 366 * 86_400_000)),
    ).toBeGreaterThanOrEqual(1)
    expect(await walletTierPoints(db, scope, wallet.id)).toBe(0)
  })
})
