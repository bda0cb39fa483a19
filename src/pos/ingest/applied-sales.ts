// What a processing batch changed, read back after it committed: the sales its inbox events
// recorded, with the member's user and wallet balance where one was awarded. Live updates and
// "you earned N points" are announced from this, so nothing is announced that rolled back.
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../infra/db'
import { asSystem } from '../../infra/scope'
import { wallets } from '../../ledger'
import { members } from '../../members'
import { posTransactions, type TransactionState } from '../pos.schema'

export type AppliedSale = {
  tenantId: string
  transactionId: string
  state: TransactionState
  points: number
  /** Set when the sale was awarded to a member who is a signed-up user. */
  award: { userId: string; memberId: string; walletId: string; balance: number } | null
}

/** System scope: a batch spans tenants; each result carries its tenant and goes only to it. */
export async function listAppliedSales(db: Db, inboxEventIds: readonly string[]): Promise<AppliedSale[]> {
  if (!inboxEventIds.length) return []
  const rows = await asSystem(db, (tx) =>
    tx
      .select({
        tenantId: posTransactions.tenantId,
        transactionId: posTransactions.id,
        state: posTransactions.state,
        points: posTransactions.pointsAwarded,
        userId: members.userId,
        memberId: members.id,
        walletId: wallets.id,
        balance: wallets.balance,
      })
      .from(posTransactions)
      .leftJoin(members, and(eq(members.id, posTransactions.memberId), eq(members.tenantId, posTransactions.tenantId)))
      .leftJoin(wallets, and(eq(wallets.memberId, members.id), eq(wallets.tenantId, posTransactions.tenantId)))
      .where(inArray(posTransactions.inboxEventId, [...inboxEventIds])),
  )
  return rows.map((r) => ({
    tenantId: r.tenantId,
    transactionId: r.transactionId,
    state: r.state,
    points: r.points,
    award:
      r.state === 'awarded' && r.userId && r.memberId && r.walletId
        ? { userId: r.userId, memberId: r.memberId, walletId: r.walletId, balance: r.balance ?? 0 }
        : null,
  }))
}
