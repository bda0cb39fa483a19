import { describe, expect, test } from 'bun:test'
import { defaultRuleSet, evaluate, explain, parseRuleSet } from '../../src/rules'

const context = { now: new Date('2026-03-10T22:30:00Z'), timeZone: 'UTC', stats: { visitCount: 0 } }

describe('defaultRuleSet (api-v1: new tenants)', () => {
  test.each([
    ['USD', 1999, 19, '$19.99 → 19 pts'],
    ['JPY', 1999, 1999, '¥1,999 → 1,999 pts'],
    ['KWD', 19999, 19, 'KWD 19.999 → 19 pts'],
  ])('%s earns 1 point per whole currency unit, floored', (currency, total, points, sentence) => {
    const result = evaluate(defaultRuleSet(currency), { currency, total }, context)
    expect(result.points).toBe(points)
    expect(explain(result.trace)).toBe(sentence)
  })

  test('has no minimum spend and no earn cap', () => {
    const kinds = defaultRuleSet('USD').rules.map((rule) => rule.kind)
    expect(kinds).not.toContain('min_spend')
    expect(kinds).not.toContain('earn_cap')
    expect(evaluate(defaultRuleSet('USD'), { currency: 'USD', total: 1 }, context).points).toBe(0)
    expect(evaluate(defaultRuleSet('USD'), { currency: 'USD', total: 10_000_000 }, context).points).toBe(100_000)
  })

  test('is valid stored data', () => {
    const stored = JSON.parse(JSON.stringify(defaultRuleSet('EUR')))
    expect(parseRuleSet(stored)).toEqual({ ok: true, value: defaultRuleSet('EUR') })
  })

  test('accepts a lower-case currency code from tenant creation', () => {
    expect(defaultRuleSet('usd').currency).toBe('USD')
  })
})
