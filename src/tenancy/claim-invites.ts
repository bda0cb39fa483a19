// An invitation (e.g. the owner_email given when a tenant is created) becomes a membership the
// first time someone proves they own that email by signing in with it.
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { asSystem } from '../infra/scope'
import { newId } from '../shared/ids'
import { memberships, tenantInvites } from './tenancy.schema'

/** `email` must already be verified (the caller just checked a code sent to it). */
export async function claimInvites(db: Db, userId: string, email: string, now: Date): Promise<number> {
  return asSystem(db, async (tx) => {
    const open = await tx
      .select()
      .from(tenantInvites)
      .where(and(eq(tenantInvites.email, email.toLowerCase()), isNull(tenantInvites.claimedAt)))
      .for('update')
    for (const invite of open) {
      await tx
        .insert(memberships)
        .values({ id: newId('mem', now.getTime()), tenantId: invite.tenantId, userId, role: invite.role, createdAt: now })
        .onConflictDoNothing()
      await tx.update(tenantInvites).set({ claimedAt: now }).where(eq(tenantInvites.id, invite.id))
    }
    return open.length
  })
}
