// Right to erasure, member side: every member of the person (linked to them, or carrying one of
// their phones or emails in any shop) loses phone, email, name, POS customer ids and the link; wallets
// and the ledger stay (they are the merchant's books) under the pseudonymous member id.
import { inArray, or } from 'drizzle-orm'
import type { Tx } from '../infra/db'
import { normalizeEmail, normalizePhone } from './identity'
import { memberPosIds, members } from './members.schema'

/** Runs in the caller's system-scope transaction (a person spans tenants). Returns the member ids. */
export async function eraseMembersOf(
  tx: Tx,
  person: { userId: string; phones: string[]; emails: string[] },
  now: Date,
): Promise<string[]> {
  const phones = person.phones.map(normalizePhone).filter((p): p is string => !!p)
  const emails = person.emails.map(normalizeEmail).filter((e): e is string => !!e)
  const theirs = await tx
    .select({ id: members.id })
    .from(members)
    .where(or(inArray(members.userId, [person.userId]), inArray(members.phone, phones), inArray(members.email, emails)))
  const ids = theirs.map((m) => m.id)
  if (!ids.length) return []
  await tx.delete(memberPosIds).where(inArray(memberPosIds.memberId, ids))
  await tx
    .update(members)
    .set({ phone: null, email: null, name: null, userId: null, erasedAt: now })
    .where(inArray(members.id, ids))
  return ids
}
