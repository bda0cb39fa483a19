// The hourly refresh daemon: plan which tokens are due (refresh-plan.ts) and renew each under
// its single-flight lock. Toast's one partner token stands in for all its restaurants.
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import type { FetchLike } from '../adapter'
import type { ConnectionEvent } from './connection-status'
import { getConnection, listAllConnections } from './connections.repo'
import { partnerToken } from './partner-token'
import { afterConnectionEvent, type RecordedEvent, recordConnectionEvent } from './record-connection-event'
import { refreshConnectionToken, type RefreshOutcome } from './refresh-connection'
import { planRefreshes } from './refresh-plan'

export async function refreshDueTokens(
  deps: AppDeps,
  opts: { fetch?: FetchLike } = {},
): Promise<Record<string, RefreshOutcome | 'partner_renewed' | 'partner_failed'>> {
  const all = await asSystem(deps.dbh.db, (tx) => listAllConnections(tx))
  const plan = planRefreshes(
    all.map((c) => ({
      connectionId: c.id,
      provider: c.provider,
      status: c.status,
      expiresAt: c.tokenExpiresAt,
      refreshedAt: c.sync.tokenRefreshedAt,
      hasRefreshToken: c.refreshTokenEnc !== null,
    })),
    deps.clock(),
  )
  const results: Record<string, RefreshOutcome | 'partner_renewed' | 'partner_failed'> = {}
  for (const due of plan) {
    if (due.provider !== 'toast') {
      results[due.connectionId] = await refreshConnectionToken(deps, due.connectionId, {
        mode: 'scheduled',
        ...(opts.fetch && { fetch: opts.fetch }),
      })
      continue
    }
    // Toast rows carry no token of their own, so their due-ness is the partner token's own check.
    const t = await partnerToken(deps, opts.fetch ? { fetch: opts.fetch } : {})
    results[due.singleFlightKey] = t.ok ? 'partner_renewed' : 'partner_failed'
    deps.metrics.tokenRefreshes.inc({ outcome: results[due.singleFlightKey] })
    const event: ConnectionEvent = t.ok
      ? { type: 'token_refreshed' }
      : { type: 'refresh_failed', retryable: t.error.kind === 'retryable', reason: t.error.reason }
    for (const c of all.filter((x) => x.provider === 'toast'))
      await recordForConnection(deps, c.id, event, t.ok ? undefined : t.error.reason)
  }
  return results
}

async function recordForConnection(deps: AppDeps, id: string, event: ConnectionEvent, lastError?: string) {
  const recorded: RecordedEvent | null = await asSystem(deps.dbh.db, async (tx) => {
    const c = await getConnection(tx, id, { lock: true })
    return c && recordConnectionEvent(tx, c, event, deps.clock(), lastError)
  })
  if (recorded) await afterConnectionEvent(deps, recorded)
}
