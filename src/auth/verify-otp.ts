// Step two of sign-in: the code (check-code.ts), then the user, a session and tokens. Guesses
// also count per destination per day across codes and IPs (RATE_LIMIT_SIGNIN_WRONG_CODES_PER_DAY,
// ADR 0017), so rotating IPs and requesting fresh codes does not multiply an attacker's guesses.
import type { AppDeps } from '../infra/deps'
import { AppError } from '../shared/errors'
import type { Destination } from './destination'
import { LOCKED, WRONG, checkCode } from './check-code'
import { hashDestination } from './otp-crypto'
import { parseDestination } from './request-otp'
import { createExternalSession, createSession } from './sessions.repo'
import { signInUser } from './sign-in-user'
import { enforceSignInLimit, refundGuess, takeGuess } from './signin-limits'
import { supabaseVerifyOtp } from './supabase-client'
import { verifySupabaseToken } from './supabase-token'
import { type TokenPair, tokenPair } from './token-pair'

export async function verifyOtp(
  deps: AppDeps,
  input: { destination: unknown; code: unknown; ip: string },
): Promise<TokenPair> {
  const d = parseDestination(input.destination)
  const code = typeof input.code === 'string' ? input.code.replace(/\s/g, '') : ''
  await enforceSignInLimit(deps, 'signin-ip', input.ip)
  if (!/^\d{6}$/.test(code))
    throw new AppError('validation_failed', 'Enter the 6-digit code', { fields: { code: 'Enter the 6-digit code' } })
  const destKey = hashDestination(deps.config.OTP_SECRET, d.value)
  await takeGuess(deps, destKey)
  const now = deps.clock()
  if (deps.config.AUTH_PROVIDER === 'supabase') return verifyWithSupabase(deps, d, code, now)
  const outcome = await checkCode(deps, hashDestination(deps.config.OTP_SECRET, d.value), code)
  if (outcome === 'locked') throw LOCKED()
  if (outcome === 'wrong') throw WRONG()
  await refundGuess(deps, destKey)
  const user = await signInUser(deps.dbh.db, d, now)
  const { session, refreshToken } = await createSession(deps.dbh.db, user.userId, user.defaultTenantId, now)
  return tokenPair(deps.keyring, session, refreshToken, now)
}

async function verifyWithSupabase(deps: AppDeps, d: Destination, code: string, now: Date): Promise<TokenPair> {
  // Supabase counts and expires codes itself; our per-destination limit caps the guesses.
  await enforceSignInLimit(deps, 'signin-destination', `verify:${hashDestination(deps.config.OTP_SECRET, d.value)}`)
  const r = await supabaseVerifyOtp(deps.config, d, code)
  if (!r.ok) {
    if (r.status === 429) throw LOCKED()
    if (r.status >= 500)
      throw new AppError('unavailable', 'Sign-in is briefly unavailable. Please try again in a minute.', {
        retryAfter: 30,
      })
    throw WRONG()
  }
  await refundGuess(deps, hashDestination(deps.config.OTP_SECRET, d.value))
  const claims = await verifySupabaseToken(deps.config, r.value.access_token, now)
  if (!claims) throw new AppError('unauthorized', 'Sign-in could not be completed')
  const user = await signInUser(deps.dbh.db, d, now, claims.sub)
  await createExternalSession(deps.dbh.db, user.userId, claims.sessionId, user.defaultTenantId, now)
  return {
    access_token: r.value.access_token,
    refresh_token: r.value.refresh_token,
    token_type: 'Bearer',
    expires_in: r.value.expires_in,
  }
}
