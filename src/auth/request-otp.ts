// Step one of sign-in. The answer never depends on whether an account exists: no user is looked
// up here at all, and the same code path runs for every well-formed destination.
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'
import { sendMessage } from '../notify'
import { AppError } from '../shared/errors'
import { type Destination, normalizeDestination } from './destination'
import { createChallenge } from './otp.repo'
import { generateCode, hashDestination } from './otp-crypto'
import { enforceSignInLimit } from './signin-limits'
import { supabaseSendOtp } from './supabase-client'

export function parseDestination(raw: unknown): Destination {
  const d = typeof raw === 'string' ? normalizeDestination(raw) : null
  if (!d)
    throw new AppError('validation_failed', 'Enter an email address or a phone number with its country code', {
      fields: { destination: 'Enter an email address or a phone number starting with +' },
    })
  return d
}

/** Returns the destination as normalised, so the portal can show where the code went. */
export async function requestOtp(deps: AppDeps, input: { destination: unknown; ip: string }): Promise<Destination> {
  const d = parseDestination(input.destination)
  const destKey = hashDestination(deps.config.OTP_SECRET, d.value)
  await enforceSignInLimit(deps, 'signin-ip', input.ip)
  await enforceSignInLimit(deps, 'signin-resend', destKey)
  await enforceSignInLimit(deps, 'signin-destination', destKey)
  if (deps.config.AUTH_PROVIDER === 'supabase') {
    const r = await supabaseSendOtp(deps.config, d)
    // Still 202 to the caller: a provider hiccup must not become an account oracle.
    if (!r.ok) log.warn({ status: r.status, channel: d.channel }, 'supabase did not accept the OTP request')
    return d
  }
  const code = generateCode()
  await createChallenge(deps.dbh.db, deps.config.OTP_SECRET, destKey, code, deps.clock())
  await sendMessage(deps, {
    channel: d.channel,
    to: d.value,
    subject: 'Your SalesArck sign-in code',
    body: `Your SalesArck sign-in code is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this message.`,
  })
  return d
}
