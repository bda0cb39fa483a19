// Sign-in is the one place that fails closed when the limiter's store is down: without a
// working limit, codes could be guessed or a phone number flooded with SMS at our expense.
import type { AppDeps } from '../infra/deps'
import { type LimitName, consumeLimit } from '../infra/rate-limit'
import { AppError } from '../shared/errors'

export async function enforceSignInLimit(deps: AppDeps, name: Extract<LimitName, `signin-${string}`>, key: string): Promise<void> {
  const r = await consumeLimit(deps, name, key)
  if (r.ok === true) return
  if (r.ok === 'unavailable') throw new AppError('unavailable', 'Sign-in is briefly unavailable. Please try again in a minute.', { retryAfter: 30 })
  const message = name === 'signin-resend' ? `Please wait ${r.retryAfterS} seconds before asking for another code.` : 'Too many sign-in attempts. Please wait and try again.'
  throw new AppError('rate_limited', message, { retryAfter: r.retryAfterS })
}
