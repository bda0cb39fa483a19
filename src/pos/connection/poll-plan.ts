// PURE: which connections the polling fallback visits on this tick. Webhooks stay the fast
// path; polling covers providers whose webhooks we cannot receive (no secret configured),
// connections whose webhooks went quiet, and degraded ones (reliability-tests §2, Lightspeed and
// Toast docs: polling is the backstop). Disconnected and revoked connections are paused.
import type { ConnectionStatus } from './connection-status'
import type { PosProvider } from '../registry'

export type PollCandidate = {
  connectionId: string
  provider: PosProvider
  status: ConnectionStatus
  lastEventAt: Date | null
  lastPolledAt: Date | null
  /** From a 429's Retry-After. */
  pollNotBefore: Date | null
}

export type PollPolicy = {
  intervalMs: number
  silenceMs: number
  /** Providers whose webhook secret is configured on this deployment. */
  webhookProviders: ReadonlySet<PosProvider>
}

export type PollReason = 'no_webhooks' | 'silent' | 'degraded'

export function pollReason(c: PollCandidate, now: Date, p: PollPolicy): PollReason | null {
  // Pending: ownership unproven (ADR 0016), so the restaurant's data is not ours to read yet.
  if (c.status === 'disconnected' || c.status === 'revoked' || c.status === 'pending') return null
  const t = now.getTime()
  if (c.pollNotBefore && c.pollNotBefore.getTime() > t) return null
  // Tolerate scheduler jitter: a tick a few seconds early still counts as due.
  if (c.lastPolledAt && t - c.lastPolledAt.getTime() < p.intervalMs - 5_000) return null
  if (c.status === 'degraded') return 'degraded'
  if (!p.webhookProviders.has(c.provider)) return 'no_webhooks'
  if (c.lastEventAt === null || t - c.lastEventAt.getTime() >= p.silenceMs) return 'silent'
  return null
}

export function planPolls(
  candidates: readonly PollCandidate[],
  now: Date,
  p: PollPolicy,
): { connectionId: string; reason: PollReason }[] {
  return candidates.flatMap((c) => {
    const reason = pollReason(c, now, p)
    return reason ? [{ connectionId: c.connectionId, reason }] : []
  })
}

/** Retry-After is seconds (most providers) or an HTTP date (Lightspeed); default one interval. */
export function retryAfterMs(raw: string | undefined, now: Date, fallbackMs: number): number {
  if (!raw) return fallbackMs
  const seconds = Number(raw)
  if (Number.isFinite(seconds)) return Math.max(1_000, seconds * 1000)
  const at = Date.parse(raw)
  return Number.isNaN(at) ? fallbackMs : Math.max(1_000, at - now.getTime())
}
