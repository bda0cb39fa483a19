// The unsubscribe link in every notification email: a JWT signed with the platform's ES256
// keyring (every web machine verifies it, JWT_PRIVATE_KEYS rotate it), its audience pinning it to
// this one use. It names a person, a shop and a channel, and withdraws only that consent.
import { jwtVerify, SignJWT } from 'jose'
import type { Keyring } from '../auth'
import type { NoticeChannel } from './consent'

const AUDIENCE = 'salesarck:unsubscribe'
/** Long enough for an old email to still work; it can only ever switch notifications off. */
const TTL_S = 365 * 24 * 3600

export type UnsubscribeClaims = { userId: string; tenantId: string; channel: NoticeChannel }

export function signUnsubscribe(keyring: Keyring, c: UnsubscribeClaims, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000)
  return new SignJWT({ tid: c.tenantId, ch: c.channel })
    .setProtectedHeader({ alg: 'ES256', kid: keyring.signer.kid })
    .setSubject(c.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TTL_S)
    .sign(keyring.signer.privateKey)
}

/** The consent a link names, or null when it is forged, expired or for another use. */
export async function readUnsubscribe(
  keyring: Keyring,
  token: string | undefined,
  now: Date,
): Promise<UnsubscribeClaims | null> {
  if (!token || token.length > 2_000) return null
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = header.kid ? keyring.verifiers.get(header.kid) : undefined
        if (!key) throw new Error('unknown key')
        return key.publicKey
      },
      { audience: AUDIENCE, algorithms: ['ES256'], currentDate: now },
    )
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.tid !== 'string' ||
      (payload.ch !== 'email' && payload.ch !== 'sms')
    )
      return null
    return { userId: payload.sub, tenantId: payload.tid, channel: payload.ch }
  } catch {
    return null
  }
}
