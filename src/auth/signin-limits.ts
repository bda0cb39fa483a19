// Sign-in is the one place that fails closed when the limiter's store is down: without a
// working limit, codes could be guessed or a phone number flooded with SMS at our expense.
import type { AppDeps } from '../infra/deps'
import { type LimitName, consumeLimit, refundLimit } from '../infra/rate-limit'
import { AppError } from '../shared/errors'

export async function enforceSignInLimit(
  deps: AppDeps,
  name: Extract<LimitName, `signin-${string}`>,
  key: string,
): Promise<void> {
  const r = await consumeLimit(deps, name, key)
  if (r.ok === true) return
  if (r.ok === 'unavailable')
    throw new AppError('unavailable', 'Sign-in is briefly unavailable. Please try again in a minute.', {
      retryAfter: 30,
    })
  const message =
    name === 'signin-resend'
      ? `Please wait ${r.retryAfterS} seconds before asking for another code.`
      : name === 'signin-wrong-codes'
        ? 'Too many wrong codes for this address today. Please try again later.'
        : 'Too many sign-in attempts. Please wait and try again.'
  throw new AppError('rate_limited', message, { retryAfter: r.retryAfterS })
}

/**
 * Verification guesses per destination, whichever IPs they come from: each attempt takes one of
 * the day's RATE_LIMIT_SIGNIN_WRONG_CODES_PER_DAY points up front (so concurrent guesses cannot
 * overtake the count) and a correct code gives it back, so only wrong codes use up the day.
 */
export function takeGuess(deps: AppDeps, destinationHash: string): Promise<void> {
  return enforceSignInLimit(deps, 'signin-wrong-codes', destinationHash)
}

export function refundGuess(deps: AppDeps, destinationHash: string): Promise<void> {
  return refundLimit(deps, 'signin-wrong-codes', destinationHash)
}
