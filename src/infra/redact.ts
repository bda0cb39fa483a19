// The PII wall for logs. Two layers, because either alone leaks:
// 1. keys: any field whose name says it holds PII or a secret is censored at any depth
//    (pino's own `redact` matches one level per wildcard, so it cannot promise this);
// 2. values: whatever survives is scanned for shapes that are PII or secrets wherever they
//    appear (an email inside an error message, a bearer token inside a URL).
const SENSITIVE_KEY =
  /^(e?mail|email_?address|phone(_?number)?|mobile|destination|to|from|name|first_?name|last_?name|full_?name|display_?name|given_?name|family_?name|address|token|access_?token|refresh_?token|id_?token|code|otp|redemption_?code|secret|client_?secret|password|signature|authorization|cookie|set-cookie|x-square-hmacsha256-signature|x-shopify-hmac-sha256|x-clover-auth|x-signature|toast-signature|api_?key|key|private_?key|dsn)$/i

const CENSOR = '[REDACTED]'

const VALUE_PATTERNS: RegExp[] = [
  /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi, // email
  /\+\d[\d\s().-]{7,18}\d/g, // E.164-ish phone
  /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, // JWT
  /\b(bearer|basic)\s+[\w.~+/=-]+/gi, // auth header values
  /\b(sk|pk|rt|sq0\w{3}|EAAA)[_-]?[A-Za-z0-9_-]{16,}/g, // provider-style secrets
]

// A one-time code next to the word "code" ("your sign-in code is 123456", "code=123456"):
// six digits alone are too common (amounts, ids) to censor everywhere.
const CODE_NEAR_WORD = /\b(codes?\b[^\d\n]{0,24})\d{6}\b/gi

// Drizzle's "Failed query: …\nparams: <values>" copied into a plain string or object (e.g.
// `{ err: { message: e.message } }`) escapes the error serializer below; cut the values here,
// up to the first stack frame.
const QUERY_PARAMS = /\nparams: .*(?:\n(?!\s+at ).*)*/g

export function scrubString(s: string): string {
  let out = s.replace(QUERY_PARAMS, `\nparams: ${CENSOR}`)
  for (const re of VALUE_PATTERNS) out = out.replace(re, CENSOR)
  return out.replace(CODE_NEAR_WORD, `$1${CENSOR}`)
}

type DriverError = {
  code?: unknown
  severity?: unknown
  routine?: unknown
  message?: unknown
  table_name?: unknown
  constraint_name?: unknown
  column_name?: unknown
}

/** A postgres.js server error: the one with a SQLSTATE and the server's routine or severity. */
function driverError(e: unknown): (Error & DriverError) | null {
  const d = e as (Error & DriverError) | null
  return d instanceof Error &&
    typeof d.code === 'string' &&
    (typeof d.severity === 'string' || typeof d.routine === 'string')
    ? d
    : null
}

/** Drizzle's wrapper: its message is "Failed query: <sql>\nparams: <values>". */
const isQueryError = (e: Error) => 'params' in e && 'query' in e

/** Stack frames only: the first stack line repeats the message, which is what must not leak. */
const framesOf = (e: Error) =>
  (e.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n')

/**
 * Database errors are logged as what failed and where (SQLSTATE, server message, table,
 * constraint, column), never with their values: drizzle's message embeds the query's params
 * ("params: …, Your sign-in code is 123456") and the driver error carries `parameters`.
 */
function serializeError(e: Error, depth: number): Record<string, unknown> {
  const cause = (e as { cause?: unknown }).cause
  const db = driverError(e) ?? driverError(cause)
  if (db) {
    return {
      type: e.name,
      message: scrubString(String(db.message ?? '')),
      code: db.code,
      table: db.table_name,
      constraint: db.constraint_name,
      column: db.column_name,
      stack: framesOf(e),
    }
  }
  // A query that failed without a server error (connection lost, timeout): keep the cause only.
  if (isQueryError(e))
    return {
      type: e.name,
      message: 'Failed query',
      stack: framesOf(e),
      ...(cause === undefined ? {} : { cause: redact(cause, depth + 1) }),
    }
  return {
    type: e.name,
    message: scrubString(e.message),
    stack: e.stack ? scrubString(e.stack) : undefined,
    ...(cause === undefined ? {} : { cause: redact(cause, depth + 1) }),
  }
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[Truncated]'
  if (typeof value === 'string') return scrubString(value)
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  if (value instanceof Error) return serializeError(value, depth)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEY.test(k) ? CENSOR : redact(v, depth + 1)
  return out
}
