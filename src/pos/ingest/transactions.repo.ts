// Queries on POS transactions and refunds. Every function runs inside the tenant's transaction
// (inTenant) and filters by the tenant in its WHERE as well as under RLS. The ones every sale
// runs are prepared statements (infra/prepared.ts, ADR 0019).
import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../infra/db'
import { columnsOf, runPrepared } from '../../infra/prepared'
import type { TenantScope } from '../../infra/scope'
import { newId } from '../../shared/ids'
import type { PosProvider } from '../registry'
import { posRefunds, posTransactions } from '../pos.schema'

export type PosTransaction = typeof posTransactions.$inferSelect
export type PosRefund = typeof posRefunds.$inferSelect

type TxnKey = { provider: PosProvider; providerTransactionId: string }

const txn = columnsOf(posTransactions)
const refund = columnsOf(posRefunds)

/**
 * Statement texts by the columns they write, built once per shape: each caller writes a fixed
 * set of columns, so there are as many texts (and prepared statements) as call sites.
 */
const texts = new Map<string, string>()
function textFor(shape: string, build: () => string): string {
  let text = texts.get(shape)
  if (!text) {
    text = build()
    texts.set(shape, text)
  }
  return text
}

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
  const values = { ...row, id: newId('txn', now.getTime()), tenantId: scope.tenantId, createdAt: now, updatedAt: now }
  const keys = definedKeys(values)
  const text = textFor(`insert ${keys}`, () => {
    const places = keys.map((_, i) => `$${i + 1}`)
    return `insert into pos_transactions (${keys.map(txn.name).join(', ')}) values (${places.join(', ')})
      on conflict do nothing returning ${txn.list}`
  })
  const [inserted] = await runPrepared(
    tx,
    text,
    keys.map((k) => txn.param(k, values[k])),
  )
  if (inserted) return { txn: txn.row(inserted), created: true }
  const found = await lockTransaction(tx, scope, row)
  if (!found) throw new Error('transaction vanished after a conflicting insert')
  return { txn: found, created: false }
}

export async function lockTransaction(tx: Tx, scope: TenantScope, k: TxnKey): Promise<PosTransaction | null> {
  const [row] = await runPrepared(
    tx,
    `select ${txn.list} from pos_transactions
     where tenant_id = $1 and provider = $2 and provider_transaction_id = $3 for update`,
    [scope.tenantId, k.provider, k.providerTransactionId],
  )
  return row ? txn.row(row) : null
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
  const keys = definedKeys(patch)
  const text = textFor(`update ${keys}`, () => {
    const set = keys.map((k, i) => `${txn.name(k)} = $${i + 1}`)
    const n = keys.length
    return `update pos_transactions set ${[...set, `updated_at = $${n + 1}`].join(', ')}
      where tenant_id = $${n + 2} and id = $${n + 3} returning ${txn.list}`
  })
  const [row] = await runPrepared(tx, text, [...keys.map((k) => txn.param(k, patch[k])), now, scope.tenantId, id])
  if (!row) throw new Error('transaction vanished during an update')
  return txn.row(row)
}

/**
 * The award written on the sale's row, and, read by the same statement, whether refunds of the
 * sale are waiting to be applied (settle-refunds.ts): most sales have none, and then the
 * refunds need not be read at all. `locked` is the row as this transaction holds it under its
 * lock, so the awarded row is that plus the award, without reading it back.
 */
export async function recordAward(
  tx: Tx,
  scope: TenantScope,
  locked: PosTransaction,
  award: Pick<PosTransaction, 'reason' | 'memberId' | 'pointsAwarded' | 'ruleVersionId' | 'explanation'>,
  now: Date,
): Promise<{ txn: PosTransaction; refundsWaiting: boolean }> {
  const [row] = await runPrepared<{ refunds_waiting: boolean }>(
    tx,
    `update pos_transactions set state = 'awarded', reason = $1, member_id = $2, points_awarded = $3,
       rule_version_id = $4, explanation = $5, updated_at = $6
     where tenant_id = $7 and id = $8
     returning exists (
       select 1 from pos_refunds r
       where r.tenant_id = pos_transactions.tenant_id and r.provider = pos_transactions.provider
         and r.provider_transaction_id = pos_transactions.provider_transaction_id and r.applied_at is null
     ) as refunds_waiting`,
    [
      award.reason,
      award.memberId,
      award.pointsAwarded,
      award.ruleVersionId,
      award.explanation,
      now,
      scope.tenantId,
      locked.id,
    ],
  )
  if (!row) throw new Error('transaction vanished during an update')
  return { txn: { ...locked, ...award, state: 'awarded', updatedAt: now }, refundsWaiting: row.refunds_waiting }
}

/** The keys a patch sets: an undefined value leaves its column alone, as in drizzle's set(). */
const definedKeys = <T extends object>(patch: T) =>
  (Object.keys(patch) as (keyof T & keyof PosTransaction & string)[]).filter((k) => patch[k] !== undefined)

export async function countDuplicate(tx: Tx, scope: TenantScope, id: string, now: Date) {
  await runPrepared(
    tx,
    'update pos_transactions set duplicates = duplicates + 1, updated_at = $1 where tenant_id = $2 and id = $3',
    [now, scope.tenantId, id],
  )
}

/** Visits already credited to this member, for visit-based rules. */
export async function visitsOf(tx: Tx, scope: TenantScope, memberId: string, exceptId: string): Promise<number> {
  const [row] = await runPrepared<{ n: number }>(
    tx,
    `select count(*)::int as n from pos_transactions
     where tenant_id = $1 and member_id = $2 and state in ('awarded', 'reversed') and id <> $3`,
    [scope.tenantId, memberId, exceptId],
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
  const rows = await runPrepared(
    tx,
    `select ${txn.list} from pos_transactions
     where tenant_id = $1 and provider = $2 and state = 'unmatched' and identity->>'providerCustomerId' = $3
     order by occurred_at limit 100`,
    [scope.tenantId, provider, providerCustomerId],
  )
  return rows.map(txn.row)
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
  const rows = await runPrepared(
    tx,
    `select ${refund.list} from pos_refunds
     where tenant_id = $1 and provider = $2 and provider_transaction_id = $3
     order by occurred_at, id`,
    [scope.tenantId, k.provider, k.providerTransactionId],
  )
  return rows.map(refund.row)
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
