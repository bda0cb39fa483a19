// The token pair a successful sign-in, refresh or tenant switch returns (api-v1.md).
import type { Keyring } from './keys'
import { ACCESS_TOKEN_TTL_S, signAccessToken } from './access-token'
import type { Session } from './sessions.repo'

export type TokenPair = { access_token: string; refresh_token: string; token_type: 'Bearer'; expires_in: number }

export async function tokenPair(ring: Keyring, session: Session, refreshToken: string, now: Date): Promise<TokenPair> {
  const claims = {
    sub: session.userId,
    sid: session.id,
    ...(session.activeTenantId ? { tid: session.activeTenantId } : {}),
  }
  return {
    access_token: await signAccessToken(ring, claims, now),
    refresh_token: refreshToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_S,
  }
}
