// Right to erasure, identity side: the user row keeps its id (the ledger's actor columns and
// audit records point at it) but loses every contact detail; every session ends at once; and
// messages that were addressed to them are deleted. The member side is members' to do.
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { notifications } from '../notify'
import { sessions, users } from './auth.schema'

export async function eraseUser(db: Db, userId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
    if (!user || user.erasedAt) return
    const addresses = [user.email, user.phone].filter((a): a is string => !!a)
    if (addresses.length) await tx.delete(notifications).where(inArray(notifications.to, addresses))
    await tx
      .update(users)
      .set({ email: null, phone: null, emailVerifiedAt: null, phoneVerifiedAt: null, externalAuthId: null, birthday: null, erasedAt: now })
      .where(eq(users.id, userId))
    await tx
      .update(sessions)
      .set({ revokedAt: now, revokedReason: 'erased' })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
  })
}
