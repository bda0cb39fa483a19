// The reward catalog and tiers as the rule engine sees them: a tier multiplies spend points and
// says so in the sentence; the catalog keeps reward ids across edits and picks the next reward.
import { describe, expect, test } from 'bun:test'
import {
  diffRuleSets,
  evaluate,
  explain,
  nextReward,
  parseRuleSet,
  rewardCatalog,
  type RuleEntryInput,
  tierStanding,
  withRewards,
} from '../../src/rules'
import { buildRuleSet } from './build-rule-set'

const tiers: RuleEntryInput = {
  kind: 'tiers',
  config: {
    window_days: 365,
    tiers: [
      { name: 'Gold', threshold: 1500, multiplier: 1.5 },
      { name: 'Silver', threshold: 500, multiplier: 1.25 },
    ],
  },
}
const rules = buildRuleSet('USD', [
  { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
  { kind: 'campaign_multiplier', config: { name: 'Happy hour', multiplier: 2, starts_at: '2026-01-01T00:00' } },
  { kind: 'visit_bonus', config: { points: 10 } },
  tiers,
])
const at = (tierPoints: number) => ({
  now: new Date('2026-03-10T22:30:00Z'),
  timeZone: 'UTC',
  stats: { visitCount: 0, tierPoints },
})

describe('tiers', () => {
  test('a member below the first tier earns the plain rate', () => {
    const r = evaluate(rules, { currency: 'USD', total: 2000 }, at(499))
    expect(r.points).toBe(20 * 2 + 10)
    expect(explain(r.trace)).toBe('$20.00 → 20 pts × 2 Happy hour + 10 pts visit bonus = 50 pts')
  })

  test('the tier multiplies spend points after the campaign, never the bonuses, and is named in the sentence', () => {
    const r = evaluate(rules, { currency: 'USD', total: 2000 }, at(500))
    expect(r.points).toBe(Math.floor(40 * 1.25) + 10)
    expect(explain(r.trace)).toBe('$20.00 → 20 pts × 2 Happy hour × 1.25 Silver + 10 pts visit bonus = 60 pts')
    expect(evaluate(rules, { currency: 'USD', total: 2000 }, at(5000)).points).toBe(60 + 10)
  })

  test('standing: current tier, next tier and the points still to earn', () => {
    expect(tierStanding(rules, 120)).toMatchObject({
      tier: null,
      next: { name: 'Silver' },
      pointsToNext: 380,
      windowDays: 365,
    })
    expect(tierStanding(rules, 600)).toMatchObject({
      tier: { name: 'Silver' },
      next: { name: 'Gold' },
      pointsToNext: 900,
    })
    expect(tierStanding(rules, 2000)).toMatchObject({ tier: { name: 'Gold' }, next: null, pointsToNext: 0 })
    expect(tierStanding(buildRuleSet('USD', []), 2000)).toBeNull()
  })

  test('two tiers at the same points or with the same name are refused on their field', () => {
    const parsed = parseRuleSet({
      schema_version: 1,
      currency: 'USD',
      rules: [
        {
          kind: 'tiers',
          config: {
            tiers: [
              { name: 'A', threshold: 5, multiplier: 1 },
              { name: 'a', threshold: 5, multiplier: 2 },
            ],
          },
        },
      ],
    })
    expect(parsed.ok).toBe(false)
    if (!parsed.ok)
      expect(parsed.error.fields).toMatchObject({
        'rules.0.config.tiers.1.name': 'Another tier already has this name',
        'rules.0.config.tiers.1.threshold': 'Another tier starts at the same points',
      })
  })
})

describe('reward catalog', () => {
  let n = 0
  const mint = () => `rwd_${++n}`
  const base = buildRuleSet('USD', [{ kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } }])
  const first = parseRuleSet(
    withRewards(
      base,
      [
        { name: 'Free drink', points: 100 },
        { name: '$5 off', points: 250 },
      ],
      undefined,
      mint,
    ),
  )

  test('new rewards get ids; sending the same list again keeps them, so nothing changes', () => {
    expect(first.ok).toBe(true)
    if (!first.ok) return
    const again = parseRuleSet(
      withRewards(
        first.value,
        [
          { name: 'Free drink', points: 100 },
          { name: '$5 off', points: 250 },
        ],
        undefined,
        mint,
      ),
    )
    expect(again.ok && rewardCatalog(again.value).items.map((r) => r.reward_id)).toEqual(['rwd_1', 'rwd_2'])
    expect(again.ok && diffRuleSets(first.value, again.value)).toEqual([])
    const repriced = parseRuleSet(
      withRewards(first.value, [{ reward_id: 'rwd_1', name: 'Free coffee', points: 120 }], false, mint),
    )
    expect(repriced.ok && diffRuleSets(first.value, repriced.value)).toEqual([
      'Rewards: Free drink 100 pts, $5 off 250 pts, any amount also redeemable → Free coffee 120 pts, rewards only',
    ])
  })

  test('next reward: the cheapest not yet in reach, then the dearest with nothing to go; paused ones never', () => {
    if (!first.ok) throw new Error('catalog did not parse')
    const catalog = rewardCatalog(first.value)
    expect(nextReward(catalog, 60)).toMatchObject({ reward: { name: 'Free drink' }, pointsToGo: 40 })
    expect(nextReward(catalog, 160)).toMatchObject({ reward: { name: '$5 off' }, pointsToGo: 90 })
    expect(nextReward(catalog, 300)).toMatchObject({ reward: { name: '$5 off' }, pointsToGo: 0 })
    const paused = { ...catalog, items: catalog.items.map((r) => ({ ...r, active: r.name === '$5 off' })) }
    expect(nextReward(paused, 60)).toMatchObject({ reward: { name: '$5 off' }, pointsToGo: 190 })
    expect(nextReward(rewardCatalog(base), 60)).toBeNull()
  })

  test('two rewards with one name are refused', () => {
    const parsed = parseRuleSet(
      withRewards(
        base,
        [
          { name: 'Cake', points: 1 },
          { name: 'cake', points: 2 },
        ],
        undefined,
        mint,
      ),
    )
    expect(parsed.ok).toBe(false)
  })
})

describe('back-test with tiers', () => {
  test('the replay computes tiers as it goes: each sale under the draft lifts the member for the next one', async () => {
    const { newTally, replaySales } = await import('../../src/rules/backtest-replay')
    const plain = buildRuleSet('USD', [{ kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } }])
    const sale = (day: number) => ({
      occurredAt: new Date(Date.UTC(2026, 0, day, 12)),
      memberId: 'mem_a',
      transaction: { currency: 'USD', total: 30000 },
    })
    // 300 pts earned before the period; each sale earns 300 more.
    const tally = newTally(new Map(), new Map([['mem_a', [{ at: Date.UTC(2025, 11, 1), points: 300 }]]]))
    replaySales(tally, [sale(1), sale(2), sale(3)], { current: plain, draft: rules, timeZone: 'UTC' })
    // Draft (×2 campaign, +10 visit bonus): 300 before → no tier, 610; 910 → Silver, 600 × 1.25 + 10;
    // 1670 → Gold, 600 × 1.5 + 10. The live rules have no tiers: 300 a sale.
    expect(tally.total.current).toBe(900)
    expect(tally.total.draft).toBe(610 + 760 + 910)
  })
})
