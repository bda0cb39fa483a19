// api-v1.md: a new tenant starts with 1 point per whole currency unit spent (floor), no
// minimum spend, no earn cap, no redemption minimum or maximum, codes valid 15 minutes.
import { currencyExponent } from '../shared/money'
import { DEFAULT_CODE_TTL_SECONDS } from './kinds/redemption-limits'
import { type RuleSet, ruleSetSchema } from './rule-set'

/** Tax and tip are excluded: they are not the merchant's revenue, so they fund no rewards. */
export function defaultRuleSet(currency: string): RuleSet {
  const code = currency.toUpperCase()
  // Parsed, not just typed, so an unknown currency fails at tenant creation, loudly.
  return ruleSetSchema.parse({
    schema_version: 1,
    currency: code,
    rules: [
      {
        kind: 'points_per_spend',
        config: { points: 1, per_minor_units: 10 ** currencyExponent(code), include_tax: false, include_tip: false },
      },
      {
        kind: 'redemption_limits',
        config: {
          min_points: null,
          max_points: null,
          code_ttl_seconds: DEFAULT_CODE_TTL_SECONDS,
          points_expire_after_days: null,
        },
      },
    ],
  })
}
