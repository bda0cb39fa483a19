// The member a signed-in person is in one shop, for credits they claim themselves (a receipt's
// claim code): the member already linked to them, else the unlinked member holding a contact
// they verified (now linked), else a new member with that contact, linked. Never an unverified
// contact: that would hand someone else's points to whoever typed their number.
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { normalizeEmail, normalizePhone } from './identity'
import type { VerifiedUser } from './link'
import { lockContacts } from './contact-lock'
import { findOrCreateMember } from './members.repo'
import { members } from './members.schema'

export async function memberForUser(tx: Tx, scope: TenantScope, user: VerifiedUser, now: Date): Promise<string | null> {
  const [linked] = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.tenantId, scope.tenantId), eq(members.userId, user.id)))
  if (linked) return linked.id
  const phone = user.phoneVerifiedAt ? normalizePhone(user.phone) : null
  const email = user.emailVerifiedAt ? normalizeEmail(user.email) : null
  if (!phone && !email) return null
  // The same contact locks as sale processing and sign-in, so a claim racing them converges.
  await lockContacts(tx, [phone, email])
  const { member } = await findOrCreateMember(tx, scope, { phone, email }, now)
  if (member.userId && member.userId !== user.id) return null
  await tx
    .update(members)
    .set({ userId: user.id })
    .where(and(eq(members.tenantId, scope.tenantId), eq(members.id, member.id), isNull(members.userId)))
  return member.id
}
