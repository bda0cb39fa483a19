// Logout revokes the session in our database first, so its access token is refused on the very
// next request (every request checks the session), then tells Supabase when it issued the tokens.
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'
import { revokeSession, sessionIdForRefreshToken } from './sessions.repo'
import { supabaseLogout } from './supabase-client'
import { verifyPresentedToken } from './verify-access'

export async function logout(deps: AppDeps, sessionId: string, accessToken: string | undefined): Promise<void> {
  await revokeSession(deps.dbh.db, sessionId, 'logout', deps.clock())
  if (deps.config.AUTH_PROVIDER === 'supabase' && accessToken) {
    const r = await supabaseLogout(deps.config, accessToken)
    if (!r.ok) log.warn({ status: r.status }, 'supabase logout failed; the session is revoked here regardless')
  }
}

/**
 * Portal sign-out with whatever the browser still holds: a live access token, or only the
 * refresh token once the short-lived access cookie has expired.
 */
export async function logoutWithTokens(
  deps: AppDeps,
  accessToken: string | undefined,
  refreshToken: string | undefined,
): Promise<void> {
  const now = deps.clock()
  const claims = accessToken ? await verifyPresentedToken(deps, accessToken, now) : null
  if (claims) return logout(deps, claims.sid, accessToken)
  const sessionId = refreshToken ? await sessionIdForRefreshToken(deps.dbh.db, refreshToken) : null
  if (sessionId) await revokeSession(deps.dbh.db, sessionId, 'logout', now)
}
