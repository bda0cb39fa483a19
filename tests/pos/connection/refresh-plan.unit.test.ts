// Which tokens the scheduled refresh job renews (reliability-tests.md §6 O1) and how renewals
// are keyed so only one runs per token (O2).
import { describe, expect, test } from 'bun:test'
import {
  isTokenUsable,
  planRefreshes,
  type RefreshCandidate,
  refreshKey,
} from '../../../src/pos/connection/refresh-plan'

const NOW = new Date('2026-06-02T12:00:00Z')
const MIN = 60_000
const HOUR = 60 * MIN
const at = (ms: number) => new Date(NOW.getTime() + ms)

const candidate = (connectionId: string, over: Partial<RefreshCandidate> = {}): RefreshCandidate => ({
  connectionId,
  provider: 'square',
  status: 'connected',
  expiresAt: at(30 * 24 * HOUR),
  refreshedAt: at(-HOUR),
  hasRefreshToken: true,
  ...over,
})

describe('planRefreshes', () => {
  test('O1: refreshes the tokens inside the 1 h window and the 23 h idle one, nothing else', () => {
    const plan = planRefreshes(
      [
        candidate('con_10m', { expiresAt: at(10 * MIN), refreshedAt: at(-30 * 24 * HOUR) }),
        candidate('con_20m', { expiresAt: at(20 * MIN), refreshedAt: at(-30 * 24 * HOUR) }),
        candidate('con_2h', { expiresAt: at(2 * HOUR), refreshedAt: at(-22 * HOUR) }),
        candidate('con_idle', { expiresAt: at(20 * 24 * HOUR), refreshedAt: at(-23 * HOUR) }),
        candidate('con_fresh', { expiresAt: at(20 * 24 * HOUR), refreshedAt: at(-22 * HOUR) }),
      ],
      NOW,
    )
    expect(plan.map((p) => [p.connectionId, p.reason])).toEqual([
      ['con_10m', 'expiring'],
      ['con_20m', 'expiring'],
      ['con_idle', 'idle'],
    ])
  })

  test('already-expired tokens come first', () => {
    const plan = planRefreshes(
      [candidate('con_soon', { expiresAt: at(5 * MIN) }), candidate('con_dead', { expiresAt: at(-5 * MIN) })],
      NOW,
    )
    expect(plan.map((p) => [p.connectionId, p.reason])).toEqual([
      ['con_dead', 'expired'],
      ['con_soon', 'expiring'],
    ])
  })

  test('revoked and disconnected connections are left alone; degraded ones are retried', () => {
    const expiring = { expiresAt: at(5 * MIN) }
    const plan = planRefreshes(
      [
        candidate('con_revoked', { ...expiring, status: 'revoked' }),
        candidate('con_disconnected', { ...expiring, status: 'disconnected' }),
        candidate('con_degraded', { ...expiring, status: 'degraded' }),
      ],
      NOW,
    )
    expect(plan.map((p) => p.connectionId)).toEqual(['con_degraded'])
  })

  test('a fresh 60-minute Shopify token is not refreshed on every run, only past half-life', () => {
    const shopify = (refreshedAgo: number) =>
      candidate('con_shop', { provider: 'shopify', refreshedAt: at(-refreshedAgo), expiresAt: at(HOUR - refreshedAgo) })
    expect(planRefreshes([shopify(5 * MIN)], NOW)).toEqual([])
    expect(planRefreshes([shopify(31 * MIN)], NOW)).toHaveLength(1)
  })

  test('connection tokens without a refresh token cannot be renewed and are skipped', () => {
    expect(planRefreshes([candidate('con_legacy', { hasRefreshToken: false, expiresAt: at(MIN) })], NOW)).toEqual([])
  })

  test('non-expiring tokens are renewed only for idleness', () => {
    expect(planRefreshes([candidate('con_forever', { expiresAt: null, refreshedAt: at(-HOUR) })], NOW)).toEqual([])
  })

  test('the Toast partner token is renewed once, however many restaurants share it', () => {
    const restaurants = ['con_a', 'con_b', 'con_c'].map((id) =>
      candidate(id, {
        provider: 'toast',
        hasRefreshToken: false,
        expiresAt: at(30 * MIN),
        refreshedAt: at(-23 * HOUR),
      }),
    )
    const plan = planRefreshes(restaurants, NOW)
    expect(plan).toHaveLength(1)
    expect(plan[0]).toMatchObject({ provider: 'toast', reason: 'expiring', singleFlightKey: 'pos-token-toast' })
  })
})

describe('single-flight keys', () => {
  test('one key per connection token, stable, and usable as a BullMQ job id (no colon)', () => {
    const a = refreshKey({ connectionId: 'con_01J', provider: 'clover' })
    expect(a).toBe(refreshKey({ connectionId: 'con_01J', provider: 'clover' }))
    expect(a).not.toBe(refreshKey({ connectionId: 'con_02K', provider: 'clover' }))
    expect(a).not.toContain(':')
  })
})

describe('isTokenUsable', () => {
  test('refuses to send a token with under 60 s left (clock-skew margin)', () => {
    expect(isTokenUsable(at(59_000), NOW)).toBe(false)
    expect(isTokenUsable(at(60_000), NOW)).toBe(true)
    expect(isTokenUsable(at(-1), NOW)).toBe(false)
    expect(isTokenUsable(null, NOW)).toBe(true)
  })
})
