import { describe, expect, test } from 'bun:test'
import { parseRuleSet, WHOLE_RULE_SET } from '../../src/rules'

const happyHour = {
  kind: 'campaign_multiplier',
  config: {
    name: 'Happy hour',
    multiplier: 2,
    starts_at: '2026-01-01T00:00',
    windows: [{ days: ['tue'], start: '17:00', end: '19:00' }],
  },
}

describe('parseRuleSet', () => {
  test('accepts a minimal rule set and fills documented defaults', () => {
    const parsed = parseRuleSet({
      schema_version: 1,
      currency: 'USD',
      rules: [
        { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
        { kind: 'campaign_bonus', config: { name: 'Launch', points: 50, starts_at: '2026-01-01T00:00' } },
        { kind: 'visit_bonus', config: { points: 10 } },
        { kind: 'redemption_limits', config: {} },
      ],
    })
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
    expect(parsed.value.rules).toEqual([
      { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100, include_tax: false, include_tip: false } },
      {
        kind: 'campaign_bonus',
        config: { name: 'Launch', points: 50, starts_at: '2026-01-01T00:00', ends_at: null, windows: [] },
      },
      { kind: 'visit_bonus', config: { points: 10, every_nth_visit: 1 } },
      {
        kind: 'redemption_limits',
        config: { min_points: null, max_points: null, code_ttl_seconds: 900, points_expire_after_days: null },
      },
    ])
  })

  test('reports every broken field at once, each on its own dotted path', () => {
    const parsed = parseRuleSet({
      schema_version: 1,
      currency: 'USD',
      rules: [
        { kind: 'points_per_spend', config: { points: -1, per_minor_units: 0 } },
        {
          ...happyHour,
          config: { ...happyHour.config, multiplier: 11, windows: [{ days: [], start: '17:00', end: '19:00' }] },
        },
      ],
    })
    if (parsed.ok) throw new Error('accepted')
    expect(parsed.error.code).toBe('validation_failed')
    expect(parsed.error.fields).toEqual({
      'rules.0.config.points': 'Award at least 1 point',
      'rules.0.config.per_minor_units': 'The spend step must be at least 1 minor unit',
      'rules.1.config.multiplier': 'The multiplier can be at most 10',
      'rules.1.config.windows.0.days': 'Pick at least one day',
    })
  })

  test('a missing config field is named, not reported as a generic type error', () => {
    const parsed = parseRuleSet({ schema_version: 1, currency: 'USD', rules: [{ kind: 'earn_cap', config: {} }] })
    if (parsed.ok) throw new Error('accepted')
    expect(parsed.error.fields).toEqual({ 'rules.0.config.max_points': 'Enter the most points one purchase can earn' })
  })

  test('redemption code lifetime is bounded so codes cannot live for days', () => {
    const parsed = parseRuleSet({
      schema_version: 1,
      currency: 'USD',
      rules: [{ kind: 'redemption_limits', config: { code_ttl_seconds: 7 * 86_400 } }],
    })
    if (parsed.ok) throw new Error('accepted')
    expect(parsed.error.fields).toEqual({ 'rules.0.config.code_ttl_seconds': 'Codes can stay valid at most 24 hours' })
  })

  test.each([
    ['null', null],
    ['a string', 'points: 1'],
    ['an array', [1, 2]],
    ['a number', 42],
  ])('never throws on %s; the problem is reported on the whole rule set', (_label, input) => {
    const parsed = parseRuleSet(input)
    if (parsed.ok) throw new Error('accepted')
    expect(Object.keys(parsed.error.fields)).toEqual([WHOLE_RULE_SET])
  })

  test('malformed entries are reported per entry without throwing', () => {
    const parsed = parseRuleSet({
      schema_version: 1,
      currency: 'USD',
      rules: [{ kind: 'campaign_bonus', config: { points: 5 } }, { kind: 'campaign_multiplier', config: null }, null],
    })
    if (parsed.ok) throw new Error('accepted')
    expect(parsed.error.fields).toMatchObject({
      'rules.0.config.name': 'Name the campaign',
      'rules.0.config.starts_at': 'Enter a date and time like 2026-12-01T09:00',
    })
    expect(Object.keys(parsed.error.fields)).toEqual(expect.arrayContaining(['rules.1.config', 'rules.2']))
  })

  test('a rules field that is not a list is reported on rules', () => {
    const parsed = parseRuleSet({ schema_version: 1, currency: 'USD', rules: { kind: 'points_per_spend' } })
    if (parsed.ok) throw new Error('accepted')
    expect(parsed.error.fields).toEqual({ rules: 'Rules must be a list' })
  })

  test('unknown top-level fields are rejected rather than silently dropped', () => {
    const parsed = parseRuleSet({ schema_version: 1, currency: 'USD', rules: [], earn_rate: 2 })
    if (parsed.ok) throw new Error('accepted')
    expect(parsed.error.fields).toEqual({ earn_rate: 'Unknown field' })
  })

  test('a rule set round-trips through JSON storage unchanged', () => {
    const first = parseRuleSet({
      schema_version: 1,
      currency: 'EUR',
      rules: [{ kind: 'points_per_spend', config: { points: 2, per_minor_units: 100 } }, happyHour],
    })
    if (!first.ok) throw new Error('rejected')
    const second = parseRuleSet(JSON.parse(JSON.stringify(first.value)))
    expect(second).toEqual(first)
  })
})
