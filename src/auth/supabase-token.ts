// Supabase access tokens, verified against the project's JWKS (asymmetric keys, fetched and
// cached by jose) with the issuer and audience Supabase documents. The subject and session are
// then mapped to our user and our session row, so revocation and roles stay ours.
import { type JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from 'jose'
import type { Config } from '../config'

export type SupabaseClaims = { sub: string; sessionId: string; email: string | null; phone: string | null }

const jwksByUrl = new Map<string, JWTVerifyGetKey>()

function jwksFor(base: string): JWTVerifyGetKey {
  let j = jwksByUrl.get(base)
  if (!j) {
    j = createRemoteJWKSet(new URL(`${base}/auth/v1/.well-known/jwks.json`), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
    })
    jwksByUrl.set(base, j)
  }
  return j
}

export async function verifySupabaseToken(config: Config, token: string, now: Date): Promise<SupabaseClaims | null> {
  if (!config.SUPABASE_URL) return null
  const base = config.SUPABASE_URL.replace(/\/$/, '')
  try {
    const { payload } = await jwtVerify(token, jwksFor(base), {
      algorithms: ['ES256', 'RS256'],
      issuer: `${base}/auth/v1`,
      audience: 'authenticated',
      currentDate: now,
      clockTolerance: 5,
    })
    if (typeof payload.sub !== 'string' || typeof payload.session_id !== 'string') return null
    return {
      sub: payload.sub,
      sessionId: payload.session_id,
      email: typeof payload.email === 'string' && payload.email ? payload.email : null,
      phone: typeof payload.phone === 'string' && payload.phone ? payload.phone : null,
    }
  } catch (e) {
    if (e instanceof errors.JOSEError || e instanceof TypeError) return null
    throw e
  }
}
