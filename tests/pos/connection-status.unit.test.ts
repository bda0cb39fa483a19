// The transition table of src/pos/connection/connection-status.ts, executable. Every state ×
// every event is listed, including the no-ops, so a change to the table shows up here.
import { describe, expect, test } from 'bun:test'
import {
  applyConnectionEvent,
  type ConnectionEvent,
  type ConnectionHealth,
  FLAP_HOLD_MS,
  GIVE_UP_AFTER_MS,
  initialHealth,
  SILENCE_MINUTES,
  toApiStatus,
} from '../../src/pos/connection/connection-status'

const NOW = new Date('2026-06-02T12:00:00Z')
const ago = (ms: number) => new Date(NOW.getTime() - ms)
const TEN_MIN = 10 * 60 * 1000

const degraded = (cause: 'refresh' | 'api' | 'silence'): ConnectionHealth => ({
  status: 'degraded',
  cause,
  reason: `was ${cause}`,
  changedAt: ago(TEN_MIN),
  lastFailureAt: cause === 'silence' ? null : ago(TEN_MIN),
})
const STATES: Record<string, ConnectionHealth> = {
  connected: { ...initialHealth(ago(TEN_MIN)) },
  'degraded/refresh': degraded('refresh'),
  'degraded/api': degraded('api'),
  'degraded/silence': degraded('silence'),
  disconnected: {
    status: 'disconnected',
    cause: null,
    reason: 'gone',
    changedAt: ago(TEN_MIN),
    lastFailureAt: ago(TEN_MIN),
  },
  revoked: { status: 'revoked', cause: null, reason: 'revoked', changedAt: ago(TEN_MIN), lastFailureAt: null },
}

// Columns follow STATES. '=' no change; 'x' changes to x; '!x' changes to x and notifies.
const TABLE: Array<[string, ConnectionEvent, string[]]> = [
  ['token_refreshed', { type: 'token_refreshed' }, ['=', 'connected', 'connected', '=', 'connected', '=']],
  [
    'refresh_failed retryable',
    { type: 'refresh_failed', retryable: true, reason: 'HTTP 503' },
    ['degraded', '=', '=', '=', '=', '='],
  ],
  [
    'refresh_failed fatal',
    { type: 'refresh_failed', retryable: false, reason: 'HTTP 401' },
    ['!disconnected', '!disconnected', '!disconnected', '!disconnected', '=', '='],
  ],
  ['refresh_revoked', { type: 'refresh_revoked' }, ['!revoked', '!revoked', '!revoked', '!revoked', 'revoked', '=']],
  [
    'access_revoked',
    { type: 'access_revoked', reason: 'app uninstalled' },
    ['!revoked', '!revoked', '!revoked', '!revoked', 'revoked', '='],
  ],
  ['webhook_received', { type: 'webhook_received' }, ['=', '=', '=', 'connected', '=', '=']],
  ['api_call_succeeded (inside flap hold)', { type: 'api_call_succeeded' }, ['=', '=', '=', '=', '=', '=']],
  ['api_call_failed 503', { type: 'api_call_failed', status: 503 }, ['degraded', '=', '=', '=', '=', '=']],
  ['api_call_failed 401', { type: 'api_call_failed', status: 401 }, ['degraded', '=', '=', '=', '=', '=']],
  ['api_call_failed 403', { type: 'api_call_failed', status: 403 }, ['degraded', '=', '=', '=', '=', '=']],
  ['api_call_failed network', { type: 'api_call_failed', status: null }, ['degraded', '=', '=', '=', '=', '=']],
  ['api_call_failed 429', { type: 'api_call_failed', status: 429 }, ['=', '=', '=', '=', '=', '=']],
  ['api_call_failed 404', { type: 'api_call_failed', status: 404 }, ['=', '=', '=', '=', '=', '=']],
  ['reconnected', { type: 'reconnected' }, ['=', 'connected', 'connected', 'connected', 'connected', 'connected']],
  ['no_events_for 72 h', { type: 'no_events_for', minutes: SILENCE_MINUTES }, ['degraded', '=', '=', '=', '=', '=']],
  ['no_events_for 71 h', { type: 'no_events_for', minutes: SILENCE_MINUTES - 60 }, ['=', '=', '=', '=', '=', '=']],
]

describe.each(TABLE)('%s', (_name, event, expected) => {
  test.each(Object.keys(STATES).map((from, i) => [from, expected[i]!]))('from %s → %s', (from, want) => {
    const before = STATES[from]!
    const { health, changed, notify } = applyConnectionEvent(before, event, NOW)
    if (want === '=') {
      expect(health.status).toBe(before.status)
      expect(changed).toBe(false)
      expect(health.changedAt).toEqual(before.changedAt)
    } else {
      expect(health.status).toBe(want.replace('!', '') as ConnectionHealth['status'])
      expect(changed).toBe(true)
      expect(health.changedAt).toEqual(NOW)
    }
    expect(notify).toBe(want.startsWith('!'))
  })
})

describe('details a merchant or operator sees', () => {
  test('the reason explains the failure and clears on recovery', () => {
    const down = applyConnectionEvent(initialHealth(NOW), { type: 'api_call_failed', status: 503 }, NOW).health
    expect(down.reason).toBe('provider API answered HTTP 503')
    const up = applyConnectionEvent(down, { type: 'token_refreshed' }, NOW).health
    expect(up).toMatchObject({ status: 'connected', reason: null, cause: null })
  })

  test('a worse failure while degraded takes over the cause; a milder one does not', () => {
    const worse = applyConnectionEvent(
      STATES['degraded/silence']!,
      { type: 'refresh_failed', retryable: true, reason: 'HTTP 502' },
      NOW,
    ).health
    expect(worse).toMatchObject({ status: 'degraded', cause: 'refresh', reason: 'HTTP 502', changedAt: ago(TEN_MIN) })
    const milder = applyConnectionEvent(
      STATES['degraded/refresh']!,
      { type: 'api_call_failed', status: 500 },
      NOW,
    ).health
    expect(milder).toMatchObject({ cause: 'refresh', reason: 'was refresh', lastFailureAt: NOW })
  })

  test('a webhook does not hide a failing refresh (it proves delivery, not our token)', () => {
    expect(applyConnectionEvent(STATES['degraded/refresh']!, { type: 'webhook_received' }, NOW).health.status).toBe(
      'degraded',
    )
  })

  test('an API success recovers an API degradation once the flap hold has passed', () => {
    const later = new Date(NOW.getTime() + FLAP_HOLD_MS)
    expect(applyConnectionEvent(STATES['degraded/api']!, { type: 'api_call_succeeded' }, later)).toMatchObject({
      changed: true,
      health: { status: 'connected' },
    })
  })

  test('a flapping API (fail/succeed every 5 min for 2 h) changes status at most twice an hour', () => {
    let health = initialHealth(NOW)
    const changes: number[] = []
    for (let minute = 0; minute < 120; minute += 5) {
      const at = new Date(NOW.getTime() + minute * 60_000)
      const event: ConnectionEvent =
        minute % 10 === 0 ? { type: 'api_call_failed', status: 503 } : { type: 'api_call_succeeded' }
      const t = applyConnectionEvent(health, event, at)
      if (t.changed) changes.push(minute)
      health = t.health
    }
    for (const start of changes)
      expect(changes.filter((m) => m >= start && m < start + 60).length).toBeLessThanOrEqual(2)
    expect(changes[0]).toBe(0) // the first failure still shows immediately
  })

  test('refresh failing for 3 days gives up: disconnected, merchant notified once', () => {
    const longDegraded = { ...STATES['degraded/refresh']!, changedAt: ago(GIVE_UP_AFTER_MS) }
    const event: ConnectionEvent = { type: 'refresh_failed', retryable: true, reason: 'HTTP 503' }
    expect(applyConnectionEvent(longDegraded, event, NOW)).toMatchObject({
      notify: true,
      health: { status: 'disconnected' },
    })
    const almost = { ...longDegraded, changedAt: ago(GIVE_UP_AFTER_MS - 1) }
    expect(applyConnectionEvent(almost, event, NOW)).toMatchObject({ notify: false, health: { status: 'degraded' } })
  })

  test('one notification per outage, and again after a reconnect breaks', () => {
    const steps: ConnectionEvent[] = [
      { type: 'refresh_failed', retryable: false, reason: 'HTTP 400' },
      { type: 'refresh_failed', retryable: false, reason: 'HTTP 400' },
      { type: 'refresh_revoked' },
      { type: 'reconnected' },
      { type: 'access_revoked', reason: 'app uninstalled' },
    ]
    let health = initialHealth(NOW)
    const notified = steps.map((e) => {
      const t = applyConnectionEvent(health, e, NOW)
      health = t.health
      return t.notify
    })
    expect(notified).toEqual([true, false, false, false, true])
  })

  test('the public API shows revoked as disconnected', () => {
    expect(toApiStatus('revoked')).toBe('disconnected')
    expect(toApiStatus('degraded')).toBe('degraded')
  })
})
