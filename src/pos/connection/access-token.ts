// A usable access token for calling a provider on a connection's behalf (polling,
// reconciliation, details fetches). Refreshes on use when the token is about to expire, so no
// request goes out with less than a minute left (O1).
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { err, ok, type Result } from '../../shared/result'
import { type Connection, getConnection } from './connections.repo'
import type { FetchLike } from '../adapter'
import { partnerToken } from './partner-token'
import { refreshConnectionToken } from './refresh-connection'
import { isIngestionPaused } from './connection-status'
import { isTokenUsable } from './refresh-plan'
import { tokenCipher } from './token-vault'

export type NoToken = { reason: 'paused' | 'no_token' | 'refresh_failed' }

export async function connectionAccessToken(
  deps: AppDeps,
  c: Connection,
  opts: { fetch?: FetchLike; force?: boolean } = {},
): Promise<Result<string, NoToken>> {
  if (isIngestionPaused(c.status)) return err({ reason: 'paused' })
  if (c.provider === 'toast') {
    const t = await partnerToken(deps, { ...(opts.fetch && { fetch: opts.fetch }), ...(opts.force && { force: true }) })
    return t.ok ? ok(t.value.accessToken) : err({ reason: 'refresh_failed' })
  }
  let current = c
  if (opts.force || !isTokenUsable(c.tokenExpiresAt, deps.clock())) {
    await refreshConnectionToken(deps, c.id, { mode: 'forced', ...(opts.fetch && { fetch: opts.fetch }) })
    const reread = await asSystem(deps.dbh.db, (tx) => getConnection(tx, c.id))
    if (!reread || isIngestionPaused(reread.status)) return err({ reason: 'paused' })
    if (!isTokenUsable(reread.tokenExpiresAt, deps.clock())) return err({ reason: 'refresh_failed' })
    current = reread
  }
  if (!current.accessTokenEnc) return err({ reason: 'no_token' })
  return ok(await (await tokenCipher(deps.config)).decrypt(current.accessTokenEnc))
}
