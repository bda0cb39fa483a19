// The one place a presented access token becomes claims, for either provider. Built-in tokens
// are ours (ES256, kid); Supabase tokens are checked with its JWKS and then mapped onto our
// session row, whose active tenant and revocation state are authoritative.
import { eq } from 'drizzle-orm'
import type { AppDeps } from '../infra/deps'
import { type AccessClaims, verifyAccessToken } from './access-token'
import { users } from './auth.schema'
import { findSessionByExternalId } from './sessions.repo'
import { verifySupabaseToken } from './supabase-token'

export async function verifyPresentedToken(deps: AppDeps, token: string, now: Date): Promise<AccessClaims | null> {
  if (deps.config.AUTH_PROVIDER === 'builtin') return verifyAccessToken(deps.keyring, token, now)
  const sb = await verifySupabaseToken(deps.config, token, now)
  if (!sb) return null
  const session = await findSessionByExternalId(deps.dbh.db, sb.sessionId)
  if (!session) return null
  // The Supabase subject must be the user this session belongs to, not merely some user.
  const [user] = await deps.dbh.db.select({ ext: users.externalAuthId }).from(users).where(eq(users.id, session.userId))
  if (user?.ext !== sb.sub) return null
  return { sub: session.userId, sid: session.id, ...(session.activeTenantId ? { tid: session.activeTenantId } : {}) }
}
