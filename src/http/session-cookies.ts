// The portal keeps the same token pair the JSON API returns, in HttpOnly cookies: scripts cannot
// read them, SameSite=Lax keeps them off cross-site POSTs, Secure unless COOKIE_SECURE=false.
import type { Cookie } from 'elysia'
import { SESSION_TTL_MS, type TokenPair } from '../auth'

export const ACCESS_COOKIE = 'sa_access'
export const REFRESH_COOKIE = 'sa_refresh'

type Jar = Record<string, Cookie<unknown>>

export function setSessionCookies(jar: Jar, pair: TokenPair, secure: boolean): void {
  const base = { httpOnly: true, secure, sameSite: 'lax' as const }
  jar[ACCESS_COOKIE]!.set({ ...base, value: pair.access_token, path: '/', maxAge: pair.expires_in })
  jar[REFRESH_COOKIE]!.set({ ...base, value: pair.refresh_token, path: '/', maxAge: Math.floor(SESSION_TTL_MS / 1000) })
}

export function clearSessionCookies(jar: Jar): void {
  jar[ACCESS_COOKIE]!.remove()
  jar[REFRESH_COOKIE]!.remove()
}
