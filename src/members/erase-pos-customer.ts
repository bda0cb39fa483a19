// Erasure requested by a POS on a shop's behalf (Shopify customers/redact, shop/redact). Like a
// consumer's own erasure (eraseMembersOf) the members lose phone, email, their user link
// and POS ids, while wallets and the ledger stay as the merchant's books under a pseudonymous
// member id. Runs in the caller's tenant transaction; matches only inside that tenant.
import { and, eq, inArray, or, type SQL } from 'drizzle-orm'
import type { Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { normalizeEmail, normalizePhone } from './identity'
import { memberPosIds, members } from './members.schema'

export type PosCustomer = { provider: string; externalCustomerId?: string; phone?: string; email?: string }

/** Erases the members this POS customer is (by POS id, phone or email). Returns how many. */
export async function erasePosCustomer(tx: Tx, scope: TenantScope, customer: PosCustomer, now: Date): Promise<number> {
  const ids = new Set<string>()
  if (customer.externalCustomerId) {
    const linked = await tx
      .select({ memberId: memberPosIds.memberId })
      .from(memberPosIds)
      .where(
        and(
          eq(memberPosIds.tenantId, scope.tenantId),
          eq(memberPosIds.provider, customer.provider),
          eq(memberPosIds.externalCustomerId, customer.externalCustomerId),
        ),
      )
    for (const l of linked) ids.add(l.memberId)
  }
  const phone = normalizePhone(customer.phone)
  const email = normalizeEmail(customer.email)
  const contact: SQL[] = [...(phone ? [eq(members.phone, phone)] : []), ...(email ? [eq(members.email, email)] : [])]
  if (contact.length) {
    for (const m of await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.tenantId, scope.tenantId), or(...contact))))
      ids.add(m.id)
  }
  if (customer.externalCustomerId) {
    await tx
      .delete(memberPosIds)
      .where(
        and(
          eq(memberPosIds.tenantId, scope.tenantId),
          eq(memberPosIds.provider, customer.provider),
          eq(memberPosIds.externalCustomerId, customer.externalCustomerId),
        ),
      )
  }
  if (!ids.size) return 0
  const list = [...ids]
  await tx
    .delete(memberPosIds)
    .where(and(eq(memberPosIds.tenantId, scope.tenantId), inArray(memberPosIds.memberId, list)))
  await tx
    .update(members)
    .set({ phone: null, email: null, userId: null, erasedAt: now })
    .where(and(eq(members.tenantId, scope.tenantId), inArray(members.id, list)))
  return list.length
}

/** Drops every link between this tenant's members and one POS's customer ids (shop/redact). */
export async function unlinkPosCustomers(tx: Tx, scope: TenantScope, provider: string): Promise<number> {
  const rows = await tx
    .delete(memberPosIds)
    .where(and(eq(memberPosIds.tenantId, scope.tenantId), eq(memberPosIds.provider, provider)))
    .returning({ id: memberPosIds.id })
  return rows.length
}
