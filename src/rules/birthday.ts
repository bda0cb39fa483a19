// The birthday gift a rule set grants, if any (pure).
import type { RuleSet } from './rule-set'

export function birthdayPoints(ruleSet: RuleSet): number | null {
  for (const entry of ruleSet.rules) if (entry.kind === 'birthday_bonus') return entry.config.points
  return null
}
