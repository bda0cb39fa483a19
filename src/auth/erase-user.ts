// Right to erasure, identity side: the user row keeps its id (the ledger's actor columns and
// audit records point at it) but loses every contact detail; every session ends at once; and
// messages that were addressed to them, or that name them, are deleted. The rest of the
// person (members, sales, stored webhooks) is erased by src/privacy in the same transaction.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Tx } from '../infra/db'
import { notifications } from '../notify'
import { sessions, users } from './auth.schema'

export type ErasedContacts = { email: string | null; phone: string | null }

/** Returns the contacts the user had (so the caller can erase them elsewhere), null if already erased. */
export async function eraseUser(tx: Tx, userId: string, now: Date): Promise<ErasedContacts | null> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
  if (!user || user.erasedAt) return null
  const addresses = [user.email, user.phone].filter((a): a is string => !!a)
  if (addresses.length) {
    const named = addresses.map(
      (a) =>
        sql`position(${a.toLowerCase()} in lower(${notifications.body} || ' ' || coalesce(${notifications.subject}, ''))) > 0`,
    )
    await tx.delete(notifications).where(or(inArray(notifications.to, addresses), ...named))
  }
  await tx
    .update(users)
    .set({
      email: null,
      phone: null,
      emailVerifiedAt: null,
      phoneVerifiedAt: null,
      externalAuthId: null,
      birthday: null,
      erasedAt: now,
    })
    .where(eq(users.id, userId))
  await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: 'erased' })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
  return { email: user.email, phone: user.phone }
}
