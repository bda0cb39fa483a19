// An invitation (the owner_email given when a tenant is created, or an owner inviting staff by
// email or phone) becomes a membership the first time someone proves they own that destination
// by signing in with it.
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { asSystem } from '../infra/scope'
import { newId } from '../shared/ids'
import { memberships, tenantInvites } from './tenancy.schema'

/** `verified` must already be proven (the caller just checked a code sent to it) and normalised. */
export async function claimInvites(
  db: Db,
  userId: string,
  verified: { channel: 'email' | 'sms'; value: string },
  now: Date,
): Promise<number> {
  const matches =
    verified.channel === 'email'
      ? eq(tenantInvites.email, verified.value.toLowerCase())
      : eq(tenantInvites.phone, verified.value)
  return asSystem(db, async (tx) => {
    const open = await tx
      .select()
      .from(tenantInvites)
      .where(and(matches, isNull(tenantInvites.claimedAt)))
      .for('update')
    for (const invite of open) {
      await tx
        .insert(memberships)
        .values({
          id: newId('mem', now.getTime()),
          tenantId: invite.tenantId,
          userId,
          role: invite.role,
          createdAt: now,
        })
        .onConflictDoNothing()
      await tx.update(tenantInvites).set({ claimedAt: now }).where(eq(tenantInvites.id, invite.id))
    }
    return open.length
  })
}
