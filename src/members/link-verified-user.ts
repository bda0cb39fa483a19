// The processing-time half of linking (sign-in is the other half, link.ts): a member whose
// phone or email some user has VERIFIED belongs to that user from the moment it is found or
// created, in the caller's transaction, so points awarded in that same transaction show up in
// the consumer's wallets without another sign-in. Unverified user contacts never link.
import { sql } from 'drizzle-orm'
import { execRows, isUniqueViolation, type Tx } from '../infra/db'
import { runPrepared } from '../infra/prepared'
import type { TenantScope } from '../infra/scope'
import type { Member } from './members.repo'

/**
 * The user who verified this phone or email, as a query over two SQL expressions (parameters, or
 * a member row's columns): phone before email when they name two different people, as elsewhere
 * in members. Unverified contacts never count. A sale's member lookup runs it in the same
 * statement (members.repo.ts), so most sales never ask separately.
 */
export const verifiedUserOf = (phone: string, email: string) =>
  `select u.id::text as id from users u
   where u.erased_at is null
     and ((u.phone = ${phone} and u.phone_verified_at is not null) or (u.email = ${email} and u.email_verified_at is not null))
   order by case when u.phone = ${phone} and u.phone_verified_at is not null then 0 else 1 end, u.created_at
   limit 1`

/**
 * Call with the member's contact values already locked (lockContacts) so a concurrent sign-in
 * either committed its verification before we read users, or reads this member after we commit.
 * Returns the user linked now, or null (already linked, no verified match, or that user
 * already holds another member in this shop: one member per shop and user, merging is an
 * audited, separate act).
 */
export async function linkMemberToVerifiedUser(
  tx: Tx,
  scope: TenantScope,
  member: Member,
  /** The user verifiedUserOf found, when the caller's lookup of this member already read it. */
  verifiedUserId?: string | null,
): Promise<string | null> {
  if (member.userId || member.erasedAt || (!member.phone && !member.email)) return null
  const userId =
    verifiedUserId === undefined
      ? (await runPrepared<{ id: string }>(tx, verifiedUserOf('$1', '$2'), [member.phone, member.email]))[0]?.id
      : verifiedUserId
  if (!userId) return null
  // A concurrent link of another member of this shop to the same user loses on
  // members_tenant_user; the savepoint keeps the sale's transaction alive when it does.
  await tx.execute(sql`savepoint link_verified_user`)
  try {
    const linked = await execRows<{ id: string }>(
      tx,
      sql`
      update members set user_id = ${userId}
      where tenant_id = ${scope.tenantId} and id = ${member.id} and user_id is null
        and not exists (select 1 from members other where other.tenant_id = ${scope.tenantId} and other.user_id = ${userId})
      returning id`,
    )
    await tx.execute(sql`release savepoint link_verified_user`)
    return linked.length ? userId : null
  } catch (e) {
    if (!isUniqueViolation(e, 'members_tenant_user')) throw e
    await tx.execute(sql`rollback to savepoint link_verified_user`)
    return null
  }
}
