import { describe, expect, test } from 'bun:test'
import {
  checkRedemption,
  defaultRuleSet,
  parseRuleSet,
  type RuleSet,
  pointsExpiry,
  redemptionPolicy,
} from '../../src/rules'

function ruleSetWith(limits: Record<string, unknown>): RuleSet {
  const parsed = parseRuleSet({
    schema_version: 1,
    currency: 'USD',
    rules: [{ kind: 'redemption_limits', config: limits }],
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.fields))
  return parsed.value
}

describe('redemptionPolicy', () => {
  test('the default rule set has no min or max and 15-minute codes', () => {
    expect(redemptionPolicy(defaultRuleSet('USD'))).toEqual({
      minPoints: null,
      maxPoints: null,
      codeTtlSeconds: 900,
      pointsExpireAfterDays: null,
    })
  })

  test('a rule set without redemption limits still gets 15-minute codes', () => {
    const parsed = parseRuleSet({ schema_version: 1, currency: 'USD', rules: [] })
    if (!parsed.ok) throw new Error('rejected')
    expect(redemptionPolicy(parsed.value)).toEqual({
      minPoints: null,
      maxPoints: null,
      codeTtlSeconds: 900,
      pointsExpireAfterDays: null,
    })
  })

  test('reads the merchant limits', () => {
    const policy = redemptionPolicy(ruleSetWith({ min_points: 100, max_points: 5000, code_ttl_seconds: 600 }))
    expect(policy).toEqual({ minPoints: 100, maxPoints: 5000, codeTtlSeconds: 600, pointsExpireAfterDays: null })
  })

  test("points expiry: off by default; when on, usable through the shop's local day N days after the sale", () => {
    const never = redemptionPolicy(ruleSetWith({}))
    expect(pointsExpiry(never, new Date('2026-03-01T12:00:00Z'), 'UTC')).toBeNull()
    const yearly = redemptionPolicy(ruleSetWith({ points_expire_after_days: 365 }))
    expect(pointsExpiry(yearly, new Date('2026-03-01T12:00:00Z'), 'UTC')).toEqual(new Date('2027-03-02T00:00:00Z'))
    // 21:30 on 1 March in New York is already 2 March in UTC: the shop's date counts, and the
    // points lapse at New York midnight (EST, UTC−5) after 1 March 2027.
    expect(pointsExpiry(yearly, new Date('2026-03-02T02:30:00Z'), 'America/New_York')).toEqual(
      new Date('2027-03-02T05:00:00Z'),
    )
    // Across a daylight-saving change the local midnight is still found (Sydney, AEDT → AEST in April).
    const monthly = redemptionPolicy(ruleSetWith({ points_expire_after_days: 30 }))
    expect(pointsExpiry(monthly, new Date('2026-03-20T01:00:00Z'), 'Australia/Sydney')).toEqual(
      new Date('2026-04-19T14:00:00Z'),
    )
  })

  test('points expiry shorter than 30 days is refused on its field', () => {
    const parsed = parseRuleSet({
      schema_version: 1,
      currency: 'USD',
      rules: [{ kind: 'redemption_limits', config: { points_expire_after_days: 7 } }],
    })
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error.fields['rules.0.config.points_expire_after_days']).toContain('at least 30 days')
  })
})

describe('checkRedemption', () => {
  const policy = redemptionPolicy(ruleSetWith({ min_points: 100, max_points: 5000 }))

  test('exactly the minimum and exactly the maximum are allowed', () => {
    expect(checkRedemption(policy, 100)).toEqual({ ok: true, value: 100 })
    expect(checkRedemption(policy, 5000)).toEqual({ ok: true, value: 5000 })
  })

  test('one point below the minimum is refused with a message naming the minimum', () => {
    expect(checkRedemption(policy, 99)).toEqual({
      ok: false,
      error: { code: 'rule_violation', reason: 'below_minimum', message: 'Redeem at least 100 pts' },
    })
  })

  test('one point above the maximum is refused with a message naming the maximum', () => {
    expect(checkRedemption(policy, 5001)).toEqual({
      ok: false,
      error: { code: 'rule_violation', reason: 'above_maximum', message: 'Redeem at most 5,000 pts' },
    })
  })

  test.each([0, -5, 1.5, Number.NaN])('refuses %p points as invalid input', (points) => {
    const checked = checkRedemption(policy, points)
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.error.reason).toBe('not_whole_positive')
  })

  test('without limits any whole positive amount passes', () => {
    const open = redemptionPolicy(defaultRuleSet('USD'))
    expect(checkRedemption(open, 1)).toEqual({ ok: true, value: 1 })
    expect(checkRedemption(open, 1_000_000)).toEqual({ ok: true, value: 1_000_000 })
  })
})
