// Behaviour of evaluate beyond single fixtures: order independence, bad input, stored traces.
import { describe, expect, test } from 'bun:test'
import { evaluate, explain, type RuleEntryInput } from '../../src/rules'
import { buildRuleSet } from './build-rule-set'

const context = { now: new Date('2026-03-10T22:30:00Z'), timeZone: 'America/New_York', stats: { visitCount: 9 } }
const rules: RuleEntryInput[] = [
  { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
  { kind: 'min_spend', config: { min_minor_units: 500 } },
  { kind: 'campaign_multiplier', config: { name: 'Happy hour', multiplier: 2, starts_at: '2026-01-01T00:00' } },
  { kind: 'campaign_multiplier', config: { name: 'Triple', multiplier: 3, starts_at: '2026-01-01T00:00' } },
  { kind: 'campaign_bonus', config: { name: 'Launch', points: 40, starts_at: '2026-01-01T00:00' } },
  { kind: 'visit_bonus', config: { points: 25, every_nth_visit: 10 } },
  { kind: 'earn_cap', config: { max_points: 1000 } },
]

describe('evaluate', () => {
  test('the order rules are listed in does not change the points', () => {
    const transaction = { currency: 'USD', total: 12345 }
    const forward = evaluate(buildRuleSet('USD', rules), transaction, context)
    const backward = evaluate(buildRuleSet('USD', [...rules].reverse()), transaction, context)
    expect(forward.points).toBe(123 * 3 + 40 + 25)
    expect(backward.points).toBe(forward.points)
  })

  test('a float amount is a programming error and throws', () => {
    expect(() => evaluate(buildRuleSet('USD', rules), { currency: 'USD', total: 12.5 }, context)).toThrow(RangeError)
  })

  test('an unknown time zone throws instead of silently using UTC', () => {
    expect(() =>
      evaluate(buildRuleSet('USD', rules), { currency: 'USD', total: 1000 }, { ...context, timeZone: 'Mars/Olympus' }),
    ).toThrow(RangeError)
  })

  test('a trace stored as JSON explains the same award later', () => {
    const result = evaluate(buildRuleSet('USD', rules), { currency: 'USD', total: 2340 }, context)
    const stored = JSON.parse(JSON.stringify(result.trace))
    expect(explain(stored)).toBe(explain(result.trace))
    expect(explain(stored)).toBe('$23.40 → 23 pts × 3 Triple + 40 pts Launch + 25 pts 10th-visit bonus = 134 pts')
  })

  test('does not modify the rule set or the transaction it is given', () => {
    const ruleSet = buildRuleSet('USD', rules)
    const transaction = { currency: 'USD', total: 2340, subtotal: 2200, tax: 140 }
    const before = structuredClone({ ruleSet, transaction })
    evaluate(ruleSet, transaction, context)
    expect({ ruleSet, transaction }).toEqual(before)
  })
})
