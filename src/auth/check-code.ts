// Checking a code against the latest challenge for a key: shared by sign-in (the key is the
// destination) and adding a contact (the key binds destination and account). A code works once,
// for 10 minutes, and a challenge survives at most five wrong guesses; after that even the
// right code is refused until a new one is requested.
import type { AppDeps } from '../infra/deps'
import { AppError } from '../shared/errors'
import { consumeChallenge, lockLatestChallenge, recordWrongAttempt } from './otp.repo'
import { OTP_MAX_ATTEMPTS, hashCode, sameHash } from './otp-crypto'

export const WRONG = () => new AppError('unauthorized', 'That code is wrong or has expired')
export const LOCKED = () =>
  new AppError('rate_limited', 'Too many wrong codes. Ask for a new code.', { retryAfter: 60 })

export type CodeOutcome = 'ok' | 'wrong' | 'locked'

export async function checkCode(deps: AppDeps, destinationKey: string, code: string): Promise<CodeOutcome> {
  const secret = deps.config.OTP_SECRET
  const now = deps.clock()
  return deps.dbh.db.transaction(async (tx): Promise<CodeOutcome> => {
    const c = await lockLatestChallenge(tx, destinationKey)
    if (!c || c.consumedAt || c.expiresAt <= now) return 'wrong'
    if (c.lockedAt || c.attempts >= OTP_MAX_ATTEMPTS) return 'locked'
    if (sameHash(c.codeHash, hashCode(secret, c.id, code))) {
      await consumeChallenge(tx, c, now)
      return 'ok'
    }
    await recordWrongAttempt(tx, c, c.attempts + 1 >= OTP_MAX_ATTEMPTS, now)
    return 'wrong'
  })
}
