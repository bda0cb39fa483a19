// Front door of members: who a consumer is to each shop (their wallets are the ledger's).
import type { Db, Tx } from '../infra/db'
import { type TenantScope, withTenant } from '../infra/scope'
import { lockContacts } from './contact-lock'
import { normalizeEmail, normalizeName, normalizePhone } from './identity'
import { linkMemberToVerifiedUser } from './link-verified-user'
import { findOrCreateMember, type Identity, type Member } from './members.repo'

export {
  maskEmail,
  maskMember,
  maskPhone,
  memberContact,
  nationalDigits,
  normalizeEmail,
  normalizePhone,
  type MemberContact,
  type MerchantRole,
} from './identity'
export { erasePosCustomer, type PosCustomer, unlinkPosCustomers } from './erase-pos-customer'
export { findPerson, linkMembersToUser, type PersonMember, type VerifiedUser } from './link'
export { getMember, listMembers, type Identity, type Member, type MemberPage, type MemberRow } from './members.repo'
export { decodeMemberCursor, encodeMemberCursor, type MemberCursor } from './member-cursor'
export { members, memberPosIds } from './members.schema'
export { matchIdentitySignals, type SignalMatches } from './match-identity'
export { eraseMembersOf } from './erase-members'
export { posIdsOf, type PosCustomerId } from './pos-ids'

/**
 * The member a till, webhook or admin names by phone, email or POS customer id; created when
 * new (points can be earned before anyone signs in). When its phone or email is one a user has
 * verified, it is that user's from here on, in the same transaction (ADR 0014). Pass a Tx to
 * join the caller's work, e.g. the award of the sale that named it.
 */
export function findOrCreateMemberByIdentity(
  d: Db | Tx,
  scope: TenantScope,
  identity: Identity,
  now = new Date(),
): Promise<Member> {
  const phone = normalizePhone(identity.phone)
  const email = normalizeEmail(identity.email)
  if (!phone && !email && !identity.pos) throw new RangeError('a member needs a phone, an email or a POS customer id')
  return withTenant(d, scope, async (tx) => {
    // Before any member row is touched: sign-in takes the same locks, then member rows. The
    // lookup is sent behind the locks without waiting for them: the connection runs statements
    // in the order sent, so it still starts (and takes its snapshot) once they are held, one
    // round trip sooner (ADR 0019).
    const [, { member, verifiedUserId }] = await Promise.all([
      lockContacts(tx, [phone, email]),
      findOrCreateMember(
        tx,
        scope,
        { phone, email, name: normalizeName(identity.name), ...(identity.pos ? { pos: identity.pos } : {}) },
        now,
      ),
    ])
    const userId = await linkMemberToVerifiedUser(tx, scope, member, verifiedUserId)
    return userId ? { ...member, userId } : member
  })
}
export { memberForUser } from './member-for-user'
