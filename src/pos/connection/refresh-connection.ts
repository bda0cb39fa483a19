// Renews one connection's OAuth token, single-flight across processes (reliability-tests O2):
// an advisory lock on the token's key, then the row is re-read, so a process that waited
// finds the token another one just renewed and makes no upstream call. The lock is held for
// the provider call on purpose: rotating refresh tokens (Clover, Shopify, Lightspeed, Square
// PKCE) die the moment a second refresh presents the same one.
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import type { ConnectionEvent } from './connection-status'
import { getConnection, lockTokenKey, saveSync, updateConnection } from './connections.repo'
import type { FetchLike } from '../adapter'
import type { OAuthError } from './oauth-error'
import { oauthProvider } from './oauth-registry'
import { providerSettings } from './provider-settings'
import { afterConnectionEvent, type RecordedEvent, recordConnectionEvent } from './record-connection-event'
import { planRefreshes, refreshKey } from './refresh-plan'
import { retryDelayMs, scheduleRefreshRetry } from './refresh-retry'
import { sealTokens } from './seal-tokens'
import { tokenCipher } from './token-vault'

export type RefreshOutcome = 'refreshed' | 'not_due' | 'skipped' | 'retry_scheduled' | 'disconnected' | 'revoked'

export type RefreshOptions = {
  /** scheduled: only when the plan says it is due; forced: a 401 or the merchant asked. */
  mode: 'scheduled' | 'forced'
  fetch?: FetchLike
}

/** A forced refresh right after another process renewed the token would waste a rotation. */
const JUST_REFRESHED_MS = 30_000

export async function refreshConnectionToken(
  deps: AppDeps,
  connectionId: string,
  opts: RefreshOptions,
): Promise<RefreshOutcome> {
  const cipher = await tokenCipher(deps.config)
  let recorded: RecordedEvent | null = null
  let failures = 0
  const outcome = await asSystem(deps.dbh.db, async (tx): Promise<RefreshOutcome> => {
    const seen = await getConnection(tx, connectionId)
    if (!seen || seen.provider === 'toast') return 'skipped'
    await lockTokenKey(tx, refreshKey({ provider: seen.provider, connectionId }))
    const c = await getConnection(tx, connectionId, { lock: true })
    if (!c?.refreshTokenEnc || c.status === 'revoked') return 'skipped'
    const now = deps.clock()
    if (opts.mode === 'scheduled') {
      const due = planRefreshes(
        [
          {
            connectionId,
            provider: c.provider,
            status: c.status,
            expiresAt: c.tokenExpiresAt,
            refreshedAt: c.sync.tokenRefreshedAt,
            hasRefreshToken: true,
          },
        ],
        now,
      )
      if (due.length === 0) return 'not_due'
    } else if (c.sync.tokenRefreshedAt && now.getTime() - c.sync.tokenRefreshedAt.getTime() < JUST_REFRESHED_MS) {
      return 'not_due'
    }
    const provider = oauthProvider(c.provider)
    if (provider?.flow !== 'authorization_code') return 'skipped'
    const s = providerSettings(deps.config, c.provider, {
      shop: c.externalMerchantId,
      ...(c.sync.tokenHost && { domainPrefix: c.sync.tokenHost }),
    })
    const origin = provider.tokenOrigin(s.origin)
    const result = origin.ok
      ? await provider.refresh({
          fetch: opts.fetch ?? fetch,
          baseUrl: origin.value,
          clientId: s.clientId ?? '',
          // Square PKCE grants refresh with the client id alone; everyone else sends the secret.
          ...(c.sync.grant !== 'pkce' && s.clientSecret !== undefined && { clientSecret: s.clientSecret }),
          refreshToken: await cipher.decrypt(c.refreshTokenEnc),
          now,
        })
      : origin
    if (result.ok) {
      const sealed = await sealTokens(cipher, result.value, c.refreshTokenEnc)
      await updateConnection(tx, c.id, sealed)
      await saveSync(
        tx,
        c,
        {
          tokenRefreshedAt: now,
          refreshTokenExpiresAt: result.value.refreshTokenExpiresAt ?? c.sync.refreshTokenExpiresAt,
          refreshFailures: 0,
          nextRefreshAt: null,
        },
        now,
      )
      recorded = await recordConnectionEvent(tx, c, { type: 'token_refreshed' }, now)
      return 'refreshed'
    }
    const error: OAuthError = result.error
    failures = c.sync.refreshFailures + 1
    const retryable = error.kind === 'retryable'
    await saveSync(
      tx,
      c,
      {
        refreshFailures: retryable ? failures : 0,
        nextRefreshAt: retryable ? new Date(now.getTime() + retryDelayMs(failures)) : null,
      },
      now,
    )
    recorded = await recordConnectionEvent(tx, c, failureEvent(error), now, error.reason)
    const status = recorded.health.status
    return status === 'revoked'
      ? 'revoked'
      : status === 'disconnected'
        ? 'disconnected'
        : retryable
          ? 'retry_scheduled'
          : 'disconnected'
  })
  deps.metrics.tokenRefreshes.inc({ outcome })
  if (recorded) await afterConnectionEvent(deps, recorded)
  if (outcome === 'retry_scheduled') await scheduleRefreshRetry(deps, connectionId, failures)
  return outcome
}

function failureEvent(error: OAuthError): ConnectionEvent {
  if (error.kind === 'revoked')
    return {
      type: 'refresh_revoked',
      reason: 'the provider rejected our refresh token (invalid_grant); reconnect to continue',
    }
  return { type: 'refresh_failed', retryable: error.kind === 'retryable', reason: error.reason }
}
