// What the wallet page's "Invite a friend" box says about a member's past invitations.
import { and, count, eq } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { REFERRAL_INVITER } from './grant-bonus'
import { referrals } from './referrals.schema'
import { ledgerEntries } from '../infra/schema'

/** Friends who joined through the member's link, and how many of those bonuses reached this wallet. */
export type InviteSummary = { joined: number; rewarded: number }

export function inviteSummary(db: Db, scope: TenantScope, memberId: string, walletId: string): Promise<InviteSummary> {
  return inTenant(db, scope, async (tx) => {
    const [joined] = await tx
      .select({ n: count() })
      .from(referrals)
      .where(and(eq(referrals.tenantId, scope.tenantId), eq(referrals.referrerMemberId, memberId)))
    const [rewarded] = await tx
      .select({ n: count() })
      .from(ledgerEntries)
      .where(
        and(
          eq(ledgerEntries.tenantId, scope.tenantId),
          eq(ledgerEntries.walletId, walletId),
          eq(ledgerEntries.referenceType, REFERRAL_INVITER),
        ),
      )
    return { joined: joined?.n ?? 0, rewarded: rewarded?.n ?? 0 }
  })
}
