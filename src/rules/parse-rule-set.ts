// Untrusted input (portal form, API body, a stored row from an older deploy) → RuleSet.
// Never throws: the portal shows the messages inline, keyed by the field's dotted path.
import type { z } from 'zod'
import { err, ok, type Result } from '../shared/result'
import { type RuleSet, ruleSetSchema } from './rule-set'

/** Key used for problems with the input as a whole (e.g. not an object). */
export const WHOLE_RULE_SET = 'rule_set'

export type RuleSetError = {
  code: 'validation_failed'
  message: string
  /** Dotted path → message, e.g. { "rules.0.config.points": "Award at least 1 point" }. */
  fields: Record<string, string>
}

export function parseRuleSet(input: unknown): Result<RuleSet, RuleSetError> {
  const parsed = ruleSetSchema.safeParse(input)
  if (parsed.success) return ok(parsed.data)
  return err({ code: 'validation_failed', message: 'The rules have errors', fields: fieldErrors(parsed.error.issues) })
}

function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {}
  // The first message per field wins: it is the most basic problem (type before range).
  const add = (path: PropertyKey[], message: string) => {
    const key = path.length === 0 ? WHOLE_RULE_SET : path.map(String).join('.')
    fields[key] ??= message
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key], 'Unknown field')
    } else {
      add(issue.path, issue.message)
    }
  }
  return fields
}
