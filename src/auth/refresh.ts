// A new token pair for a refresh token. Built-in: rotation with reuse detection (a rotated token
// presented again revokes the whole session). Supabase: it rotates; we refuse if our session
// row for its session id has been revoked (logout is ours to enforce).
import type { AppDeps } from '../infra/deps'
import { AppError } from '../shared/errors'
import { findLiveSession, findSessionByExternalId, rotateRefreshToken } from './sessions.repo'
import { supabaseRefresh } from './supabase-client'
import { verifySupabaseToken } from './supabase-token'
import { type TokenPair, tokenPair } from './token-pair'

const ENDED = () => new AppError('unauthorized', 'Your session has ended; sign in again')

export async function refreshTokens(deps: AppDeps, refreshToken: unknown): Promise<TokenPair> {
  if (typeof refreshToken !== 'string' || refreshToken.length === 0 || refreshToken.length > 512) throw ENDED()
  const now = deps.clock()
  if (deps.config.AUTH_PROVIDER === 'supabase') {
    const r = await supabaseRefresh(deps.config, refreshToken)
    if (!r.ok) throw ENDED()
    const claims = await verifySupabaseToken(deps.config, r.value.access_token, now)
    const session = claims ? await findSessionByExternalId(deps.dbh.db, claims.sessionId) : null
    if (!session || !(await findLiveSession(deps.dbh.db, session.id, now))) throw ENDED()
    return {
      access_token: r.value.access_token,
      refresh_token: r.value.refresh_token,
      token_type: 'Bearer',
      expires_in: r.value.expires_in,
    }
  }
  const r = await rotateRefreshToken(deps.dbh.db, refreshToken, now)
  if (!r.ok) throw ENDED()
  return tokenPair(deps.keyring, r.session, r.refreshToken, now)
}
