// One-time sign-in challenges. A new code for a destination retires the previous ones, so at
// most one code per destination is ever live.
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Db, Tx } from '../infra/db'
import { newId } from '../shared/ids'
import { otpChallenges } from './auth.schema'
import { OTP_TTL_MS, hashCode } from './otp-crypto'

export type Challenge = typeof otpChallenges.$inferSelect

export async function createChallenge(
  db: Db,
  secret: string,
  destinationHash: string,
  code: string,
  now: Date,
): Promise<Challenge> {
  const id = newId('otp', now.getTime())
  return db.transaction(async (tx) => {
    await tx
      .update(otpChallenges)
      .set({ consumedAt: now })
      .where(and(eq(otpChallenges.destinationHash, destinationHash), isNull(otpChallenges.consumedAt)))
    const [row] = await tx
      .insert(otpChallenges)
      .values({
        id,
        destinationHash,
        codeHash: hashCode(secret, id, code),
        expiresAt: new Date(now.getTime() + OTP_TTL_MS),
        createdAt: now,
      })
      .returning()
    return row!
  })
}

/** The newest challenge for a destination, row-locked so concurrent guesses are counted one by one. */
export async function lockLatestChallenge(tx: Tx, destinationHash: string): Promise<Challenge | null> {
  const [row] = await tx
    .select()
    .from(otpChallenges)
    .where(eq(otpChallenges.destinationHash, destinationHash))
    .orderBy(desc(otpChallenges.createdAt), desc(otpChallenges.id))
    .limit(1)
    .for('update')
  return row ?? null
}

export async function recordWrongAttempt(tx: Tx, c: Challenge, lock: boolean, now: Date): Promise<void> {
  await tx
    .update(otpChallenges)
    .set({ attempts: c.attempts + 1, ...(lock ? { lockedAt: now } : {}) })
    .where(eq(otpChallenges.id, c.id))
}

export async function consumeChallenge(tx: Tx, c: Challenge, now: Date): Promise<void> {
  await tx
    .update(otpChallenges)
    .set({ consumedAt: now, attempts: c.attempts + 1 })
    .where(eq(otpChallenges.id, c.id))
}
