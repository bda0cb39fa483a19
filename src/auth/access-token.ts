// Short-lived ES256 access tokens. Verification pins the algorithm, issuer and audience and
// picks the key by `kid`, so alg:none, HS256-with-the-public-key and foreign tokens all fail.
import { SignJWT, errors, jwtVerify } from 'jose'
import type { Keyring } from './keys'

export const ACCESS_TOKEN_TTL_S = 15 * 60
export const ISSUER = 'salesarck'
export const AUDIENCE = 'salesarck-api'

export type AccessClaims = { sub: string; sid: string; tid?: string }

export async function signAccessToken(ring: Keyring, claims: AccessClaims, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000)
  const payload: Record<string, string> = { sid: claims.sid }
  if (claims.tid) payload.tid = claims.tid
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: ring.signer.kid })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_S)
    .sign(ring.signer.privateKey)
}

/** null for anything that is not a valid token of ours: callers answer 401, never 500. */
export async function verifyAccessToken(ring: Keyring, token: string, now: Date): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = header.kid ? ring.verifiers.get(header.kid) : undefined
        if (!key) throw new errors.JWKSNoMatchingKey()
        return key.publicKey
      },
      { algorithms: ['ES256'], issuer: ISSUER, audience: AUDIENCE, currentDate: now, clockTolerance: 5 },
    )
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null
    return { sub: payload.sub, sid: payload.sid, ...(typeof payload.tid === 'string' ? { tid: payload.tid } : {}) }
  } catch (e) {
    if (e instanceof errors.JOSEError || e instanceof TypeError) return null
    throw e
  }
}
