// Whether a rule set reads the member's visit count (pure).
import type { RuleSet } from './rule-set'

/**
 * Only a visit bonus reads `stats.visitCount`: without one the shell need not count the member's
 * earlier visits, a query every sale would otherwise pay for.
 */
export const countsVisits = (ruleSet: RuleSet) => ruleSet.rules.some((entry) => entry.kind === 'visit_bonus')
