// One classification of OAuth failures for every provider, so the shell reacts the same way to
// each: revoked, retryable or invalid, with a reason safe to show and log.

/**
 * revoked   — the grant is gone (`invalid_grant`): only the merchant reconnecting fixes it.
 * retryable — 5xx, 408, 429 or no response: try again later with backoff.
 * invalid   — anything else (bad client credentials, malformed request or response): a bug or
 *             misconfiguration an operator must fix; retrying will not help.
 */
export type OAuthErrorKind = 'revoked' | 'retryable' | 'invalid'

export type OAuthError = {
  kind: OAuthErrorKind
  /** HTTP status, or null when no response arrived (network error, refused redirect). */
  status: number | null
  /** The provider's machine-readable code (`invalid_grant`, `RATE_LIMITED`…), never free text. */
  providerCode: string | null
  /** Short description written by us, safe to show and log: never contains tokens or bodies. */
  reason: string
}

/** RFC 6749 §5.2 `invalid_grant` means the grant is dead; server trouble is worth a retry. */
export function classifyTokenError(status: number, body: unknown): OAuthError {
  const providerCode = extractProviderCode(body)
  if (providerCode?.toLowerCase() === 'invalid_grant') {
    return { kind: 'revoked', status, providerCode, reason: 'provider rejected the grant (invalid_grant)' }
  }
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'retryable', status, providerCode, reason: `token endpoint answered HTTP ${status}` }
  }
  const redirected = status >= 300 && status < 400
  const reason = redirected
    ? `token endpoint redirected (HTTP ${status})`
    : `token endpoint refused the request (HTTP ${status})`
  return { kind: 'invalid', status, providerCode, reason }
}

// Only short identifier-like codes are kept: provider free text can echo request values.
const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/

function extractProviderCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null
  const b = body as Record<string, unknown>
  // RFC 6749 `error`; Square v2 `errors[0].code`; a numeric or string `code` (Toast-style).
  const first = Array.isArray(b.errors) ? (b.errors[0] as Record<string, unknown> | undefined) : undefined
  for (const candidate of [b.error, first?.code, b.code]) {
    const code = typeof candidate === 'number' ? String(candidate) : candidate
    if (typeof code === 'string' && CODE_PATTERN.test(code)) return code
  }
  return null
}
