// Text we accept from outside. Postgres refuses NUL in text and jsonb, and lone surrogates in
// jsonb, with an error that used to surface as a 500 (issue 12 item 6). No field of ours has a
// use for C0 control characters other than tab, line feed and carriage return (a textarea), for
// DEL, or for half a surrogate pair, so they are refused once, at the edge, for every route.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export function isSafeText(s: string): boolean {
  return !CONTROL.test(s) && !LONE_SURROGATE.test(s)
}

/**
 * Where the first unsafe string (value or object key) sits in a parsed input, as the name of
 * its top-level field; null when everything is safe. Iterative, because a 10,000-level body
 * must not overflow the stack. The name is only reported when it is itself safe and short, so
 * an error never echoes what was sent.
 */
export function findUnsafeText(input: Record<string, unknown>): string | null {
  for (const [top, value] of Object.entries(input)) {
    const stack: unknown[] = [value]
    while (stack.length) {
      const v = stack.pop()
      if (typeof v === 'string') {
        if (!isSafeText(v)) return top
      } else if (v && typeof v === 'object') {
        for (const [k, child] of Object.entries(v)) {
          if (!isSafeText(k)) return top
          stack.push(child)
        }
      }
    }
  }
  return null
}
