// What a processing batch changed, read back after it committed: the sales its inbox events
// recorded, with the member's user and wallet balance where one was awarded. Live updates and
// "you earned N points" are announced from this, so nothing is announced that rolled back.
import type { Db } from '../../infra/db'
import { runPrepared } from '../../infra/prepared'
import { asSystem } from '../../infra/scope'
import type { TransactionState } from '../pos.schema'

export type AppliedSale = {
  tenantId: string
  transactionId: string
  state: TransactionState
  points: number
  /** Set when the sale was awarded to a member who is a signed-up user. */
  award: { userId: string; memberId: string; walletId: string; balance: number } | null
}

/** System scope: a batch spans tenants; each result carries its tenant and goes only to it. Prepared: once per batch. */
export async function listAppliedSales(db: Db, inboxEventIds: readonly string[]): Promise<AppliedSale[]> {
  if (!inboxEventIds.length) return []
  const rows = await asSystem(db, (tx) =>
    runPrepared<{
      tenant_id: string
      id: string
      state: TransactionState
      points: string
      user_id: string | null
      member_id: string | null
      wallet_id: string | null
      balance: string | null
    }>(
      tx,
      `select t.tenant_id::text, t.id::text, t.state::text, t.points_awarded::text as points, m.user_id::text,
         m.id::text as member_id, w.id::text as wallet_id, w.balance::text as balance
       from pos_transactions t
       left join members m on m.id = t.member_id and m.tenant_id = t.tenant_id
       left join wallets w on w.member_id = m.id and w.tenant_id = t.tenant_id
       where t.webhook_event_id = any($1)`,
      [inboxEventIds],
    ),
  )
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    transactionId: r.id,
    state: r.state,
    points: Number(r.points),
    award:
      r.state === 'awarded' && r.user_id && r.member_id && r.wallet_id
        ? { userId: r.user_id, memberId: r.member_id, walletId: r.wallet_id, balance: Number(r.balance ?? 0) }
        : null,
  }))
}
