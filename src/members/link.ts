// Cross-tenant views of one person: linking their members when they verify a phone or email,
// and the admin lookup. These run in system scope by design (a person spans tenants) and always
// filter by the person.
import { and, eq, isNull, or, sql } from 'drizzle-orm'
import { type Db, isUniqueViolation, type Tx } from '../infra/db'
import { asSystem } from '../infra/scope'
import { lockContacts } from './contact-lock'
import { normalizeEmail, normalizePhone } from './identity'
import { tenants, wallets } from '../infra/schema'
import { members } from './members.schema'

/** What the sign-in code knows after a verification: only verified signals link anything. */
export type VerifiedUser = {
  id: string
  phone?: string | null
  email?: string | null
  phoneVerifiedAt?: Date | null
  emailVerifiedAt?: Date | null
}

/**
 * Links every unlinked member whose phone or email this user has verified, one member per
 * tenant (members_tenant_user is unique). Safe to call on every sign-in: already-linked
 * members are skipped. Call after the verification is committed: the contact locks then
 * order this against sale processing (contact-lock.ts). Returns the member ids linked now.
 */
export async function linkMembersToUser(db: Db, user: VerifiedUser): Promise<string[]> {
  const phone = user.phoneVerifiedAt ? normalizePhone(user.phone) : null
  const email = user.emailVerifiedAt ? normalizeEmail(user.email) : null
  const signals = [phone ? eq(members.phone, phone) : undefined, email ? eq(members.email, email) : undefined].filter(
    Boolean,
  )
  if (!signals.length) return []
  return asSystem(db, async (tx) => {
    await lockContacts(tx, [phone, email])
    const linked = await tx.select({ tenantId: members.tenantId }).from(members).where(eq(members.userId, user.id))
    const done = new Set(linked.map((r) => r.tenantId))
    const candidates = await tx
      .select({ id: members.id, tenantId: members.tenantId })
      .from(members)
      .where(and(isNull(members.userId), isNull(members.erasedAt), or(...signals)))
      .orderBy(sql`case when ${members.phone} = ${phone ?? ''} then 0 else 1 end`, members.createdAt)
    const ids: string[] = []
    for (const c of candidates) {
      if (done.has(c.tenantId)) continue
      done.add(c.tenantId)
      if (await linkOne(tx, c, user.id)) ids.push(c.id)
    }
    return ids
  })
}

/** A sale linking another member of this shop to the user at the same moment wins; we skip. */
async function linkOne(tx: Tx, c: { id: string; tenantId: string }, userId: string): Promise<boolean> {
  await tx.execute(sql`savepoint link_member`)
  try {
    const rows = await tx
      .update(members)
      .set({ userId })
      .where(and(eq(members.id, c.id), eq(members.tenantId, c.tenantId), isNull(members.userId)))
      .returning({ id: members.id })
    await tx.execute(sql`release savepoint link_member`)
    return rows.length > 0
  } catch (e) {
    if (!isUniqueViolation(e, 'members_tenant_user')) throw e
    await tx.execute(sql`rollback to savepoint link_member`)
    return false
  }
}

export type PersonMember = {
  memberId: string
  tenantId: string
  tenantName: string
  phone: string | null
  email: string | null
  userId: string | null
  walletId: string | null
  balance: number | null
}

/** Admin lookup: every member carrying this phone or email, with its wallet. */
export async function findPerson(db: Db, by: { phone?: string; email?: string }): Promise<PersonMember[]> {
  const phone = normalizePhone(by.phone)
  const email = normalizeEmail(by.email)
  const signals = [phone ? eq(members.phone, phone) : undefined, email ? eq(members.email, email) : undefined].filter(
    Boolean,
  )
  if (!signals.length) return []
  return asSystem(db, (tx) =>
    tx
      .select({
        memberId: members.id,
        tenantId: members.tenantId,
        tenantName: tenants.name,
        phone: members.phone,
        email: members.email,
        userId: members.userId,
        walletId: wallets.id,
        balance: wallets.balance,
      })
      .from(members)
      .innerJoin(tenants, eq(tenants.id, members.tenantId))
      .leftJoin(wallets, eq(wallets.memberId, members.id))
      .where(or(...signals))
      .orderBy(tenants.name),
  )
}
