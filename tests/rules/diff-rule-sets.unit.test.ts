import { describe, expect, test } from 'bun:test'
import { defaultRuleSet, diffRuleSets, type RuleEntryInput } from '../../src/rules'
import { buildRuleSet } from './build-rule-set'

const perDollar = (points: number): RuleEntryInput => ({
  kind: 'points_per_spend',
  config: { points, per_minor_units: 100 },
})
const happyHour = (multiplier: number): RuleEntryInput => ({
  kind: 'campaign_multiplier',
  config: {
    name: 'Happy hour',
    multiplier,
    starts_at: '2026-01-01T00:00',
    windows: [{ days: ['tue', 'thu'], start: '17:00', end: '19:00' }],
  },
})

describe('diffRuleSets', () => {
  test('identical versions have no changes', () => {
    expect(diffRuleSets(defaultRuleSet('USD'), defaultRuleSet('USD'))).toEqual([])
  })

  test('a rate change reads as before → after in the tenant currency', () => {
    expect(diffRuleSets(buildRuleSet('USD', [perDollar(1)]), buildRuleSet('USD', [perDollar(2)]))).toEqual([
      'Points per spend: 1 pt per $1.00 → 2 pts per $1.00',
    ])
  })

  test('switching tax on is visible', () => {
    const after = buildRuleSet('USD', [
      { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100, include_tax: true } },
    ])
    expect(diffRuleSets(buildRuleSet('USD', [perDollar(1)]), after)).toEqual([
      'Points per spend: 1 pt per $1.00 → 1 pt per $1.00, tax included',
    ])
  })

  test('adding, changing and removing campaigns are named by campaign', () => {
    const none = buildRuleSet('USD', [perDollar(1)])
    const double = buildRuleSet('USD', [perDollar(1), happyHour(2)])
    const triple = buildRuleSet('USD', [perDollar(1), happyHour(3)])
    expect(diffRuleSets(none, double)).toEqual([
      "Added campaign 'Happy hour': ×2, from 2026-01-01 00:00, Tue, Thu 17:00–19:00",
    ])
    expect(diffRuleSets(double, triple)).toEqual([
      "Campaign 'Happy hour': ×2, from 2026-01-01 00:00, Tue, Thu 17:00–19:00 → ×3, from 2026-01-01 00:00, Tue, Thu 17:00–19:00",
    ])
    expect(diffRuleSets(triple, none)).toEqual([
      "Removed campaign 'Happy hour': ×3, from 2026-01-01 00:00, Tue, Thu 17:00–19:00",
    ])
  })

  test('reordering rules is not a change', () => {
    expect(
      diffRuleSets(
        buildRuleSet('USD', [perDollar(1), happyHour(2)]),
        buildRuleSet('USD', [happyHour(2), perDollar(1)]),
      ),
    ).toEqual([])
  })

  test('several changes are listed together, removals last', () => {
    const before = buildRuleSet('USD', [perDollar(1), { kind: 'earn_cap', config: { max_points: 500 } }])
    const after = buildRuleSet('USD', [
      perDollar(1),
      { kind: 'min_spend', config: { min_minor_units: 500 } },
      { kind: 'visit_bonus', config: { points: 50, every_nth_visit: 10 } },
    ])
    expect(diffRuleSets(before, after)).toEqual([
      'Added minimum spend: $5.00',
      'Added visit bonus: 50 pts every 10th visit',
      'Removed earn cap per purchase: 500 pts',
    ])
  })

  test('zero- and three-decimal currencies are formatted correctly', () => {
    const jpy = (per: number) =>
      buildRuleSet('JPY', [{ kind: 'points_per_spend', config: { points: 1, per_minor_units: per } }])
    expect(diffRuleSets(jpy(1), jpy(100))).toEqual(['Points per spend: 1 pt per ¥1 → 1 pt per ¥100'])
    const kwd = (min: number) => buildRuleSet('KWD', [{ kind: 'min_spend', config: { min_minor_units: min } }])
    expect(diffRuleSets(kwd(1250), kwd(5000))).toEqual(['Minimum spend: KWD 1.250 → KWD 5.000'])
  })

  test('redemption limits changes are readable', () => {
    const before = defaultRuleSet('USD')
    const after = buildRuleSet('USD', [
      { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
      { kind: 'redemption_limits', config: { min_points: 100, code_ttl_seconds: 1800 } },
    ])
    expect(diffRuleSets(before, after)).toEqual([
      'Redemption limits: min none, max none, codes valid 15 min → min 100 pts, max none, codes valid 30 min',
    ])
  })

  test('a currency change is reported first', () => {
    expect(diffRuleSets(defaultRuleSet('USD'), defaultRuleSet('EUR'))[0]).toBe('Currency: USD → EUR')
  })
})
