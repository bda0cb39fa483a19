// PURE: which stored tokens the scheduled refresh job should renew now, and the key that makes
// each renewal single-flight. Rotating refresh tokens (Clover, Shopify, Lightspeed, Square PKCE)
// turn two concurrent refreshes into a lost grant, so the shell must hold a lock on
// `singleFlightKey` (advisory lock or BullMQ jobId) and re-read the token once it has it
// (reliability-tests.md §2.8, O2).
import type { ConnectionStatus } from './connection-status'
import type { PosProvider } from '../registry'
import { oauthProvider } from './oauth-registry'

/** Refresh anything expiring within the hour (risk register). */
export const REFRESH_WINDOW_MS = 60 * 60 * 1000
/** Some providers revoke idle refresh tokens: renew every token at least daily (Nango). */
export const MAX_IDLE_MS = 24 * 60 * 60 * 1000
/** Never send a request with less than this left: covers clock skew and request time (O1). */
export const MIN_USABLE_MS = 60 * 1000

export type RefreshCandidate = {
  connectionId: string
  provider: PosProvider
  status: ConnectionStatus
  /** Null for tokens that do not expire (nothing to refresh on a timer). */
  expiresAt: Date | null
  /** When the current token was obtained; null if unknown. */
  refreshedAt: Date | null
  hasRefreshToken: boolean
}

export type RefreshReason = 'expired' | 'expiring' | 'idle'

export type PlannedRefresh = {
  connectionId: string
  provider: PosProvider
  reason: RefreshReason
  singleFlightKey: string
}

/**
 * Due refreshes, most urgent first. Revoked and disconnected connections are skipped: automatic
 * refresh stops there (O4/O5) and only a reconnect or a forced refresh restarts it. Connection
 * tokens without a refresh token cannot be renewed and are skipped. Partner-owned
 * tokens (Toast) appear once however many restaurants share them.
 */
export function planRefreshes(candidates: readonly RefreshCandidate[], now: Date): PlannedRefresh[] {
  const due: Array<PlannedRefresh & { expiresAt: number }> = []
  const seen = new Set<string>()
  for (const c of candidates) {
    if (c.status === 'revoked' || c.status === 'disconnected' || c.status === 'pending') continue
    // Without a refresh token only a client-credentials login (partner token) can renew it.
    if (!c.hasRefreshToken && oauthProvider(c.provider)?.tokenOwner !== 'partner') continue
    const reason = refreshReason(c, now)
    const singleFlightKey = refreshKey(c)
    if (reason === null || seen.has(singleFlightKey)) continue
    seen.add(singleFlightKey)
    due.push({
      connectionId: c.connectionId,
      provider: c.provider,
      reason,
      singleFlightKey,
      expiresAt: c.expiresAt?.getTime() ?? Infinity,
    })
  }
  return due.sort((a, b) => a.expiresAt - b.expiresAt).map(({ expiresAt: _, ...planned }) => planned)
}

function refreshReason(c: RefreshCandidate, now: Date): RefreshReason | null {
  const t = now.getTime()
  if (c.expiresAt !== null) {
    const left = c.expiresAt.getTime() - t
    if (left <= 0) return 'expired'
    // A token that lives less than two windows (Shopify: 60 min) would otherwise be "expiring"
    // the moment it is issued and refresh on every run; renew it at half-life instead.
    const lifetime = c.refreshedAt === null ? Infinity : c.expiresAt.getTime() - c.refreshedAt.getTime()
    if (left <= Math.min(REFRESH_WINDOW_MS, lifetime / 2)) return 'expiring'
  }
  // Renew within the last window before a day of idleness, so it never crosses 24 h (O1).
  if (c.hasRefreshToken && c.refreshedAt !== null && t - c.refreshedAt.getTime() >= MAX_IDLE_MS - REFRESH_WINDOW_MS) {
    return 'idle'
  }
  return null
}

/**
 * Lock / job id for one token. No `:` (BullMQ job ids may not contain it). Partner tokens are
 * keyed by provider alone because every restaurant shares the one token.
 */
export function refreshKey(c: Pick<RefreshCandidate, 'connectionId' | 'provider'>): string {
  return oauthProvider(c.provider)?.tokenOwner === 'partner'
    ? `pos-token-${c.provider}`
    : `pos-token-${c.provider}-${c.connectionId}`
}

/** For refresh-on-use: false when a token is expired or too close to expiry to send. */
export function isTokenUsable(expiresAt: Date | null, now: Date): boolean {
  return expiresAt === null || expiresAt.getTime() - now.getTime() >= MIN_USABLE_MS
}
