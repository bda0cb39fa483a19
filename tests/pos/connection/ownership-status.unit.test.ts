// The pure parts of the Toast ownership proof (ADR 0016): the `pending` state only leaves by an
// admin's confirmation or a revocation, and the claim code is phone-friendly and unbiased.
import { describe, expect, test } from 'bun:test'
import { newClaimCode, normalizeClaimCode } from '../../../src/pos/connection/claim-code'
import {
  applyConnectionEvent,
  type ConnectionEvent,
  type ConnectionHealth,
  toApiStatus,
} from '../../../src/pos/connection/connection-status'

const now = new Date('2026-11-29T12:00:00Z')
const pending: ConnectionHealth = {
  status: 'pending',
  cause: null,
  reason: 'waiting',
  changedAt: now,
  lastFailureAt: null,
}

describe('pending connections', () => {
  test('nothing but ownership_confirmed or access_revoked moves a pending connection', () => {
    const others: ConnectionEvent[] = [
      { type: 'reconnected' },
      { type: 'token_refreshed' },
      { type: 'webhook_received' },
      { type: 'api_call_succeeded' },
      { type: 'api_call_failed', status: 500 },
      { type: 'refresh_failed', retryable: false, reason: 'x' },
      { type: 'no_events_for', minutes: 100_000 },
    ]
    for (const e of others)
      expect(applyConnectionEvent(pending, e, now)).toMatchObject({ changed: false, health: { status: 'pending' } })
    expect(applyConnectionEvent(pending, { type: 'ownership_confirmed' }, now)).toMatchObject({
      changed: true,
      notify: false,
      health: { status: 'connected' },
    })
    // Revoked before it ever worked: nobody to tell that sales stopped.
    expect(applyConnectionEvent(pending, { type: 'access_revoked', reason: 'removed' }, now)).toMatchObject({
      changed: true,
      notify: false,
      health: { status: 'revoked' },
    })
    expect(toApiStatus('pending')).toBe('disconnected')
  })

  test('ownership_confirmed does nothing to a connection that is not pending', () => {
    const connected: ConnectionHealth = { ...pending, status: 'connected', reason: null }
    expect(applyConnectionEvent(connected, { type: 'ownership_confirmed' }, now).changed).toBe(false)
  })
})

describe('claim codes', () => {
  test('XXXX-XXXX from 32 symbols without look-alikes; what the admin types is normalised', () => {
    expect(newClaimCode(() => new Uint8Array([0, 1, 31, 32, 63, 255, 8, 24]))).toBe('AB9A-99J2')
    for (let i = 0; i < 50; i++) expect(newClaimCode()).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
    expect(normalizeClaimCode(' ab9a-99j2 ')).toBe('AB9A99J2')
  })
})
