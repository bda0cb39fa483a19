// One closed list of error codes, mapped to HTTP status once at the edge (src/http/plugins/errors.ts).
// Expected failures are returned or thrown as AppError; anything else is a bug and becomes a 500.
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  tenant_suspended: 403,
  not_found: 404,
  not_acceptable: 406,
  conflict: 409,
  idempotency_key_reused: 409,
  idempotency_in_progress: 409,
  already_used: 409,
  expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  insufficient_points: 422,
  rule_violation: 422,
  claim_code_mismatch: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export class AppError extends Error {
  readonly code: ErrorCode
  /** Seconds a client should wait before retrying (429/503). */
  readonly retryAfter: number | undefined
  /** Field-level messages for forms; never contains submitted values. */
  readonly fields: Record<string, string> | undefined

  constructor(code: ErrorCode, message: string, opts: { retryAfter?: number; fields?: Record<string, string> } = {}) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.retryAfter = opts.retryAfter
    this.fields = opts.fields
  }

  get status(): number {
    return errorStatus[this.code]
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`)
