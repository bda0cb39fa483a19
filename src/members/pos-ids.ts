// The POS customer ids a member is known by (Square customer_id, Shopify customer id, …), for
// the merchant's member page: "why did this sale land on this member".
import { and, asc, eq } from 'drizzle-orm'
import type { Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { memberPosIds } from './members.schema'

export type PosCustomerId = { provider: string; externalCustomerId: string; since: Date }

export function posIdsOf(tx: Tx, scope: TenantScope, memberId: string): Promise<PosCustomerId[]> {
  return tx
    .select({
      provider: memberPosIds.provider,
      externalCustomerId: memberPosIds.externalCustomerId,
      since: memberPosIds.createdAt,
    })
    .from(memberPosIds)
    .where(and(eq(memberPosIds.tenantId, scope.tenantId), eq(memberPosIds.memberId, memberId)))
    .orderBy(asc(memberPosIds.provider), asc(memberPosIds.createdAt))
}
