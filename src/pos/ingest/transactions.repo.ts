// Queries on POS transactions and refunds. Every function runs inside the tenant's transaction
// (inTenant) and filters by the tenant in its WHERE as well as under RLS.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Tx } from '../../infra/db'
import type { TenantScope } from '../../infra/scope'
import { newId } from '../../shared/ids'
import type { PosProvider } from '../registry'
import { posRefunds, posTransactions } from '../pos.schema'

export type PosTransaction = typeof posTransactions.$inferSelect
export type PosRefund = typeof posRefunds.$inferSelect

type TxnKey = { provider: PosProvider; providerTransactionId: string }

const keyOf = (scope: TenantScope, k: TxnKey) =>
  and(
    eq(posTransactions.tenantId, scope.tenantId),
    eq(posTransactions.provider, k.provider),
    eq(posTransactions.providerTransactionId, k.providerTransactionId),
  )

/**
 * The transaction's row, created on first sight, returned under a row lock: every event about
 * one sale (repeated updates, refunds, a merchant's attach) is serialised on it. A concurrent
 * first insert waits on the unique index, then finds the winner's row.
 */
export async function lockOrCreateTransaction(
  tx: Tx,
  scope: TenantScope,
  row: Omit<typeof posTransactions.$inferInsert, 'id' | 'tenantId'> & TxnKey,
  now: Date,
): Promise<{ txn: PosTransaction; created: boolean }> {
  const inserted = await tx
    .insert(posTransactions)
    .values({ ...row, id: newId('txn', now.getTime()), tenantId: scope.tenantId, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning()
  if (inserted[0]) return { txn: inserted[0], created: true }
  const txn = await lockTransaction(tx, scope, row)
  if (!txn) throw new Error('transaction vanished after a conflicting insert')
  return { txn, created: false }
}

export async function lockTransaction(tx: Tx, scope: TenantScope, k: TxnKey): Promise<PosTransaction | null> {
  const [row] = await tx.select().from(posTransactions).where(keyOf(scope, k)).for('update')
  return row ?? null
}

export async function lockTransactionById(tx: Tx, scope: TenantScope, id: string): Promise<PosTransaction | null> {
  const [row] = await tx
    .select()
    .from(posTransactions)
    .where(and(eq(posTransactions.tenantId, scope.tenantId), eq(posTransactions.id, id)))
    .for('update')
  return row ?? null
}

export async function updateTransaction(
  tx: Tx,
  scope: TenantScope,
  id: string,
  patch: Partial<Omit<PosTransaction, 'id' | 'tenantId'>>,
  now: Date,
): Promise<PosTransaction> {
  const [row] = await tx
    .update(posTransactions)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(posTransactions.tenantId, scope.tenantId), eq(posTransactions.id, id)))
    .returning()
  if (!row) throw new Error('transaction vanished during an update')
  return row
}

export async function countDuplicate(tx: Tx, scope: TenantScope, id: string, now: Date) {
  await tx
    .update(posTransactions)
    .set({ duplicates: sql`${posTransactions.duplicates} + 1`, updatedAt: now })
    .where(and(eq(posTransactions.tenantId, scope.tenantId), eq(posTransactions.id, id)))
}

/** Visits already credited to this member, for visit-based rules. */
export async function visitsOf(tx: Tx, scope: TenantScope, memberId: string, exceptId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(posTransactions)
    .where(
      and(
        eq(posTransactions.tenantId, scope.tenantId),
        eq(posTransactions.memberId, memberId),
        inArray(posTransactions.state, ['awarded', 'reversed']),
        sql`${posTransactions.id} <> ${exceptId}`,
      ),
    )
  return row?.n ?? 0
}

/** Sales waiting for this POS customer's contact details. */
export async function waitingForCustomer(
  tx: Tx,
  scope: TenantScope,
  provider: PosProvider,
  providerCustomerId: string,
): Promise<PosTransaction[]> {
  return tx
    .select()
    .from(posTransactions)
    .where(
      and(
        eq(posTransactions.tenantId, scope.tenantId),
        eq(posTransactions.provider, provider),
        eq(posTransactions.state, 'unmatched'),
        sql`${posTransactions.identity}->>'providerCustomerId' = ${providerCustomerId}`,
      ),
    )
    .orderBy(asc(posTransactions.occurredAt))
    .limit(100)
}

/** A refund once per provider refund id; false when it was already recorded. */
export async function recordRefund(
  tx: Tx,
  scope: TenantScope,
  row: Omit<typeof posRefunds.$inferInsert, 'id' | 'tenantId'>,
  now: Date,
): Promise<boolean> {
  const inserted = await tx
    .insert(posRefunds)
    .values({ ...row, id: newId('txn', now.getTime()), tenantId: scope.tenantId, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: posRefunds.id })
  return inserted.length > 0
}

/** Every refund of a sale in the order they happened (the order partial refunds are sliced in). */
export async function refundsOf(tx: Tx, scope: TenantScope, k: TxnKey): Promise<PosRefund[]> {
  return tx
    .select()
    .from(posRefunds)
    .where(
      and(
        eq(posRefunds.tenantId, scope.tenantId),
        eq(posRefunds.provider, k.provider),
        eq(posRefunds.providerTransactionId, k.providerTransactionId),
      ),
    )
    .orderBy(asc(posRefunds.occurredAt), asc(posRefunds.id))
}

export async function markRefundApplied(
  tx: Tx,
  scope: TenantScope,
  id: string,
  r: { pointsReversed: number; pointsShortfall: number },
  now: Date,
) {
  await tx
    .update(posRefunds)
    .set({ ...r, appliedAt: now })
    .where(and(eq(posRefunds.tenantId, scope.tenantId), eq(posRefunds.id, id)))
}
