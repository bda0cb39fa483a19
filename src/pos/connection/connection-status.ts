// PURE health state machine for one POS connection. The shell loads the stored ConnectionHealth,
// feeds it what just happened plus `now`, persists the result, and notifies the merchant when
// told to. Modelled on Nango/Merge (reliability-tests.md §1 and §6 O4).
//
// Transition table (anything not listed leaves the state unchanged: `changed: false`):
//
//  from          event                                   to            notify
//  ------------  --------------------------------------  ------------  ------
//  connected     refresh_failed{retryable}               degraded      no    (cause refresh)
//  connected     api_call_failed{401|403|408|5xx|null}   degraded      no    (cause api)
//  connected     no_events_for{≥ SILENCE_MINUTES}        degraded      no    (cause silence)
//  conn/degr     refresh_failed{!retryable}              disconnected  yes
//  conn/degr     refresh_revoked | access_revoked        revoked       yes
//  degraded      token_refreshed                         connected     no    (cause refresh|api)
//  degraded      api_call_succeeded, ≥ FLAP_HOLD after   connected     no    (cause api)
//                the last failure
//  degraded      webhook_received                        connected     no    (cause silence)
//  degraded      refresh_failed{retryable}, cause refresh  disconnected  yes
//                and degraded for ≥ GIVE_UP_AFTER
//  degraded      any failure above                       degraded      no    (cause/reason updated)
//  degraded      reconnected                             connected     no
//  disconnected  token_refreshed (manual/forced)         connected     no
//  disconnected  reconnected                             connected     no
//  disconnected  refresh_revoked | access_revoked        revoked       no    (already told)
//  revoked       reconnected                             connected     no
//  pending       ownership_confirmed                     connected     no
//  pending       access_revoked                          revoked       no    (never worked)
//
// Deliberate no-ops: 429 and other 4xx API errors (pacing or one bad request, not the
// connection); successes that do not prove the failing part works (a webhook does not prove our
// token); anything on `revoked` but `reconnected` (a late refresh result must not resurrect a
// withdrawn grant); failures on `disconnected` (we stopped calling; the merchant was told once);
// everything on `pending` but ownership_confirmed and access_revoked (a Toast restaurant whose
// ownership is unproven is never called, so nothing can happen to it; ADR 0016).

/** `pending`: linked but not yet proven to belong to the tenant (Toast, ADR 0016); paused. */
export type ConnectionStatus = 'pending' | 'connected' | 'degraded' | 'disconnected' | 'revoked'

/** What is failing while degraded, ordered by severity: refresh > api > silence. */
export type DegradedCause = 'refresh' | 'api' | 'silence'

export type ConnectionHealth = {
  status: ConnectionStatus
  /** Set while degraded; null otherwise. */
  cause: DegradedCause | null
  /** Human-readable, safe to show the merchant; null when connected. */
  reason: string | null
  /** When `status` last changed. */
  changedAt: Date
  /** Last refresh/API failure, for the flap hold; null when none since connecting. */
  lastFailureAt: Date | null
}

export type ConnectionEvent =
  | { type: 'token_refreshed' }
  | { type: 'refresh_failed'; retryable: boolean; reason: string }
  /** The token endpoint answered `invalid_grant`. */
  | { type: 'refresh_revoked'; reason?: string }
  /** The provider told us access ended (Square oauth.authorization.revoked, Shopify app/uninstalled, Toast partner_removed). */
  | { type: 'access_revoked'; reason: string }
  | { type: 'webhook_received' }
  | { type: 'api_call_succeeded' }
  /** `status` null = no response (network error or timeout). */
  | { type: 'api_call_failed'; status: number | null }
  /** The merchant completed the OAuth flow again (same connection id, per Merge's relink). */
  | { type: 'reconnected' }
  | { type: 'no_events_for'; minutes: number }
  /** A platform admin checked the owner's claim code with the restaurant (ADR 0016). */
  | { type: 'ownership_confirmed' }

export type Transition = {
  health: ConnectionHealth
  /** True when `status` changed (emit exactly one event per change). */
  changed: boolean
  /** True only when entering disconnected/revoked from a working state: once per outage. */
  notify: boolean
}

/** Nango stops automatic refresh after 3 days of consecutive failure. */
export const GIVE_UP_AFTER_MS = 3 * 24 * 60 * 60 * 1000
/** A shop closed over a long weekend is silent; polling reconciles meanwhile, so wait 72 h. */
export const SILENCE_MINUTES = 72 * 60
/** Hysteresis: at most ~2 status changes per hour under a flapping API (O4). */
export const FLAP_HOLD_MS = 60 * 60 * 1000

const SEVERITY: Record<DegradedCause, number> = { silence: 0, api: 1, refresh: 2 }

export function initialHealth(now: Date): ConnectionHealth {
  return { status: 'connected', cause: null, reason: null, changedAt: now, lastFailureAt: null }
}

/**
 * The public API (api-v1 GET /connections) has no `revoked` or `pending`: both are a
 * disconnection there (nothing is ingested), and status_reason says which.
 */
export function toApiStatus(status: ConnectionStatus): 'connected' | 'degraded' | 'disconnected' {
  return status === 'revoked' || status === 'pending' ? 'disconnected' : status
}

/**
 * Disconnected and revoked connections are not polled, refreshed or processed until reconnected;
 * pending ones (ownership unproven, ADR 0016) until a platform admin activates them.
 */
export function isIngestionPaused(status: ConnectionStatus): boolean {
  return status === 'disconnected' || status === 'revoked' || status === 'pending'
}

export function applyConnectionEvent(health: ConnectionHealth, event: ConnectionEvent, now: Date): Transition {
  const stay: Transition = { health, changed: false, notify: false }
  const to = (status: ConnectionStatus, reason: string | null, cause: DegradedCause | null = null): Transition => ({
    health: { status, cause, reason, changedAt: now, lastFailureAt: failureTime(health, event, now) },
    changed: true,
    notify:
      (status === 'disconnected' || status === 'revoked') &&
      (health.status === 'connected' || health.status === 'degraded'),
  })
  const degrade = (cause: DegradedCause, reason: string): Transition => {
    if (health.status === 'connected') return to('degraded', reason, cause)
    // Already degraded: keep changedAt (the give-up clock), raise the cause if more severe.
    const worse = health.cause === null || SEVERITY[cause] >= SEVERITY[health.cause]
    const next = { ...health, lastFailureAt: failureTime(health, event, now) }
    return { health: worse ? { ...next, cause, reason } : next, changed: false, notify: false }
  }
  const working = health.status === 'connected' || health.status === 'degraded'

  if (health.status === 'pending' && event.type !== 'ownership_confirmed' && event.type !== 'access_revoked')
    return stay
  switch (event.type) {
    case 'ownership_confirmed':
      return health.status === 'pending' ? to('connected', null) : stay
    case 'reconnected':
      return health.status === 'connected' ? stay : to('connected', null)
    case 'refresh_revoked':
    case 'access_revoked':
      if (health.status === 'revoked') return stay
      return to('revoked', event.reason ?? 'access was revoked; the merchant must reconnect')
    case 'token_refreshed':
      if (health.status === 'disconnected') return to('connected', null)
      return health.cause === 'refresh' || health.cause === 'api' ? to('connected', null) : stay
    case 'refresh_failed':
      if (!working) return stay
      if (!event.retryable) return to('disconnected', event.reason)
      if (health.cause === 'refresh' && now.getTime() - health.changedAt.getTime() >= GIVE_UP_AFTER_MS) {
        return to('disconnected', `refresh still failing after 3 days degraded: ${event.reason}`)
      }
      return degrade('refresh', event.reason)
    case 'api_call_failed':
      if (!working || !degradesOn(event.status)) return stay
      return degrade(
        'api',
        event.status === null ? 'provider API unreachable' : `provider API answered HTTP ${event.status}`,
      )
    case 'api_call_succeeded': {
      const held = health.lastFailureAt !== null && now.getTime() - health.lastFailureAt.getTime() < FLAP_HOLD_MS
      return health.cause === 'api' && !held ? to('connected', null) : stay
    }
    case 'webhook_received':
      return health.cause === 'silence' ? to('connected', null) : stay
    case 'no_events_for':
      if (!working || event.minutes < SILENCE_MINUTES) return stay
      return degrade('silence', `no webhooks for ${Math.floor(event.minutes / 60)} hours`)
  }
}

// 401: token rejected (refresh next); 403: permission withdrawn; 408/5xx/no answer: provider
// trouble. 429 is our pacing and other 4xx are about one request, not the connection.
function degradesOn(status: number | null): boolean {
  return status === null || status === 401 || status === 403 || status === 408 || status >= 500
}

function failureTime(health: ConnectionHealth, event: ConnectionEvent, now: Date): Date | null {
  if (event.type === 'refresh_failed' || event.type === 'api_call_failed') return now
  // Leaving degraded for good clears the hold; other events keep the last failure time.
  return event.type === 'reconnected' ? null : health.lastFailureAt
}
