import { describe, expect, test } from 'bun:test'
import { type PollCandidate, type PollPolicy, planPolls, retryAfterMs } from '../../../src/pos/connection/poll-plan'

const now = new Date('2026-06-02T12:00:00Z')
const ago = (s: number) => new Date(now.getTime() - s * 1000)
const policy: PollPolicy = {
  intervalMs: 45_000,
  silenceMs: 15 * 60_000,
  webhookProviders: new Set(['square', 'shopify']),
}
const c = (p: Partial<PollCandidate>): PollCandidate => ({
  connectionId: 'c',
  provider: 'square',
  status: 'connected',
  lastEventAt: ago(60),
  lastPolledAt: null,
  pollNotBefore: null,
  ...p,
})

describe('planPolls', () => {
  test('webhooks working → not polled; silent, webhook-less or degraded → polled', () => {
    expect(planPolls([c({})], now, policy)).toEqual([])
    expect(planPolls([c({ lastEventAt: ago(16 * 60) })], now, policy)).toEqual([
      { connectionId: 'c', reason: 'silent' },
    ])
    expect(planPolls([c({ lastEventAt: null })], now, policy)).toEqual([{ connectionId: 'c', reason: 'silent' }])
    expect(planPolls([c({ provider: 'toast' })], now, policy)).toEqual([{ connectionId: 'c', reason: 'no_webhooks' }])
    expect(planPolls([c({ status: 'degraded' })], now, policy)).toEqual([{ connectionId: 'c', reason: 'degraded' }])
  })

  test('paused connections, the interval and Retry-After are respected', () => {
    expect(
      planPolls(
        [c({ status: 'revoked', provider: 'toast' }), c({ status: 'disconnected', provider: 'toast' })],
        now,
        policy,
      ),
    ).toEqual([])
    expect(planPolls([c({ provider: 'toast', lastPolledAt: ago(20) })], now, policy)).toEqual([])
    expect(planPolls([c({ provider: 'toast', lastPolledAt: ago(42) })], now, policy)).toHaveLength(1) // jitter tolerance
    expect(planPolls([c({ provider: 'toast', pollNotBefore: new Date(now.getTime() + 1000) })], now, policy)).toEqual(
      [],
    )
  })

  test('Retry-After in seconds or as an HTTP date; garbage falls back', () => {
    expect(retryAfterMs('30', now, 45_000)).toBe(30_000)
    expect(retryAfterMs(new Date(now.getTime() + 90_000).toUTCString(), now, 45_000)).toBe(90_000)
    expect(retryAfterMs('soon', now, 45_000)).toBe(45_000)
    expect(retryAfterMs(undefined, now, 45_000)).toBe(45_000)
  })
})
