// Input we accept from outside, checked once at the edge for every route. Postgres refuses NUL
// in text and jsonb, and lone surrogates in jsonb, with an error that used to surface as a 500
// (issue 12 item 6). No field of ours has a use for C0 control characters other than tab, line
// feed and carriage return (a textarea), for DEL, or for half a surrogate pair. Nor for deep
// nesting: our deepest body (a rule set) is six levels, while a 10,000-level value in a field
// kept the validator busy for seconds (found by tests/security/fuzz-json-routes.int.test.ts).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Objects and arrays inside one another; anything deeper is refused before validation. */
export const MAX_INPUT_DEPTH = 32

export type InputProblem = { field: string; problem: 'control_character' | 'too_deep' }

export function isSafeText(s: string): boolean {
  return !CONTROL.test(s) && !LONE_SURROGATE.test(s)
}

/**
 * The first problem in a parsed input, named by its top-level field; null when there is none.
 * Looks at every string value and object key. Iterative, so a hostile depth cannot overflow the
 * stack before it is refused.
 */
export function findInputProblem(input: Record<string, unknown>): InputProblem | null {
  for (const [field, value] of Object.entries(input)) {
    const stack: [unknown, number][] = [[value, 0]]
    while (stack.length) {
      const [v, depth] = stack.pop()!
      if (typeof v === 'string') {
        if (!isSafeText(v)) return { field, problem: 'control_character' }
      } else if (v && typeof v === 'object') {
        if (depth >= MAX_INPUT_DEPTH) return { field, problem: 'too_deep' }
        for (const [k, child] of Object.entries(v)) {
          if (!isSafeText(k)) return { field, problem: 'control_character' }
          stack.push([child, depth + 1])
        }
      }
    }
  }
  return null
}
