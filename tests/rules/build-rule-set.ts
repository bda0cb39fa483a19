// Test helper: a parsed RuleSet from terse input, failing the test loudly if it is invalid.
import { parseRuleSet, type RuleEntryInput, type RuleSet } from '../../src/rules'

export function buildRuleSet(currency: string, rules: RuleEntryInput[]): RuleSet {
  const parsed = parseRuleSet({ schema_version: 1, currency, rules })
  if (!parsed.ok) throw new Error(`invalid test rule set: ${JSON.stringify(parsed.error.fields)}`)
  return parsed.value
}
