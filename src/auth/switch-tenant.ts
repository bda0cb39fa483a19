// Choosing the active tenant. Only a tenant the user holds a membership in right now; a
// suspended one is refused with the suspension message rather than a generic 403.
import type { AppDeps } from '../infra/deps'
import { AppError } from '../shared/errors'
import { membershipIn } from '../tenancy'
import type { Actor } from './actor'
import { refreshTokens } from './refresh'
import { findLiveSession, switchSessionTenant } from './sessions.repo'
import { type TokenPair, tokenPair } from './token-pair'

export async function switchTenant(
  deps: AppDeps,
  actor: Actor,
  tenantId: unknown,
  supabaseRefreshToken?: string,
): Promise<TokenPair> {
  const m =
    typeof tenantId === 'string' && tenantId.length < 100
      ? await membershipIn(deps.dbh.db, actor.userId, tenantId)
      : null
  if (!m) throw new AppError('forbidden', 'You are not a member of that shop')
  if (m.tenantStatus === 'suspended')
    throw new AppError('tenant_suspended', 'This shop is suspended. Contact SalesArck support.')
  const now = deps.clock()
  const { session, refreshToken } = await switchSessionTenant(deps.dbh.db, actor.sessionId, m.tenantId, now)
  if (deps.config.AUTH_PROVIDER === 'builtin') return tokenPair(deps.keyring, session, refreshToken, now)
  // Supabase tokens do not carry our tenant (our session row does); a refreshed pair keeps the
  // contract's "new pair" without inventing tokens of our own.
  if (!supabaseRefreshToken)
    throw new AppError('bad_request', 'refresh_token is required with this sign-in provider', {
      fields: { refresh_token: 'required' },
    })
  if (!(await findLiveSession(deps.dbh.db, session.id, now)))
    throw new AppError('unauthorized', 'Your session has ended; sign in again')
  return refreshTokens(deps, supabaseRefreshToken)
}
