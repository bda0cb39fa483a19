// Row-level reads and writes for the ledger. Each takes the tenant scope and repeats the tenant
// in the WHERE (RLS is the second wall). Balance-changing UPDATEs carry their own guard.
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { Tx } from '../infra/db'
import { runPrepared } from '../infra/prepared'
import type { TenantScope } from '../infra/scope'
import { type EntryType, ledgerEntries, lotAllocations, lots, wallets } from './ledger.schema'
import type { OpenLot } from './lots'

export type Entry = typeof ledgerEntries.$inferSelect
export type NewEntry = typeof ledgerEntries.$inferInsert

/** balance += delta, only if the result stays ≥ 0. Null when the guard refused (or no wallet). */
export async function moveBalance(
  tx: Tx,
  scope: TenantScope,
  walletId: string,
  delta: number,
  now: Date,
): Promise<number | null> {
  const [row] = await tx
    .update(wallets)
    .set({ balance: sql`${wallets.balance} + ${delta}`, updatedAt: now })
    .where(and(eq(wallets.tenantId, scope.tenantId), eq(wallets.id, walletId), sql`${wallets.balance} + ${delta} >= 0`))
    .returning({ balance: wallets.balance })
  return row?.balance ?? null
}

export async function lockWallet(tx: Tx, scope: TenantScope, walletId: string): Promise<{ balance: number } | null> {
  const [row] = await tx
    .select({ balance: wallets.balance })
    .from(wallets)
    .where(and(eq(wallets.tenantId, scope.tenantId), eq(wallets.id, walletId)))
    .for('update')
  return row ?? null
}

export async function openLots(tx: Tx, scope: TenantScope, walletId: string): Promise<OpenLot[]> {
  return tx
    .select({ id: lots.id, remaining: lots.remaining, expiresAt: lots.expiresAt, createdAt: lots.createdAt })
    .from(lots)
    .where(and(eq(lots.tenantId, scope.tenantId), eq(lots.walletId, walletId), gt(lots.remaining, 0)))
    .orderBy(asc(lots.expiresAt), asc(lots.createdAt), asc(lots.id))
}

/** remaining -= points, guarded so a lot never goes below zero even if a caller is wrong. */
export async function drawFromLot(tx: Tx, scope: TenantScope, lotId: string, points: number): Promise<boolean> {
  const done = await tx
    .update(lots)
    .set({ remaining: sql`${lots.remaining} - ${points}` })
    .where(and(eq(lots.tenantId, scope.tenantId), eq(lots.id, lotId), sql`${lots.remaining} >= ${points}`))
    .returning({ id: lots.id })
  return done.length === 1
}

/**
 * The wallet a credit goes to: by its id, or as its member's (one wallet per member and shop),
 * created by the credit when it is the member's first.
 */
export type CreditTarget = { walletId: string } | { memberId: string; newWalletId: string }

const creditText = (moved: string) =>
  `with moved as (${moved}), entry as (
     insert into ledger_entries (id, tenant_id, wallet_id, type, points, balance_after, reference_type, reference_id, rule_version_id, explanation, actor_user_id, created_at)
     select $5, $3, moved.id, $6, $1::bigint, moved.balance, $7, $8, $9, $10, $11, $2::timestamptz
     from moved
     returning id, wallet_id
   ), lot as (
     insert into lots (id, tenant_id, wallet_id, entry_id, points, remaining, expires_at, created_at)
     select l.id, $3, entry.wallet_id, entry.id, l.points, l.points, l.expires_at, $2::timestamptz
     from entry cross join jsonb_to_recordset($12::jsonb) as l(id text, points bigint, expires_at timestamptz)
   )
   select id::text as wallet_id, balance::text as balance from moved`
const creditTexts = {
  walletId: creditText(
    `update wallets set balance = balance + $1::bigint, updated_at = $2::timestamptz
     where tenant_id = $3 and id = $4 and balance + $1::bigint >= 0
     returning id, balance`,
  ),
  // The member's wallet, inserted with the credit as its balance when there is none yet.
  memberId: creditText(
    `insert into wallets as w (id, tenant_id, member_id, balance, updated_at)
     values ($13, $3, $4, $1::bigint, $2::timestamptz)
     on conflict (member_id) do update set balance = w.balance + excluded.balance, updated_at = excluded.updated_at
       where w.tenant_id = excluded.tenant_id and w.balance + excluded.balance >= 0
     returning id, balance`,
  ),
}

/**
 * A credit in one round trip: the guarded balance UPDATE (taking the wallet's row lock), the
 * entry with the balance it produced, and its lots, as data-modifying CTEs of one statement.
 * Awards run this once per sale, and each statement costs the worker more than the work it
 * does (ADR 0019), hence also prepared. Returns the wallet and its new balance, or null when
 * there is no such wallet.
 */
export async function creditWallet(
  tx: Tx,
  target: CreditTarget,
  entry: Omit<Entry, 'balanceAfter' | 'walletId'>,
  split: { id: string; points: number; expiresAt: Date | null }[],
): Promise<{ walletId: string; balance: number } | null> {
  const lotRows = JSON.stringify(
    split.map((l) => ({ id: l.id, points: l.points, expires_at: l.expiresAt?.toISOString() ?? null })),
  )
  const params = [
    entry.points,
    entry.createdAt,
    entry.tenantId,
    'walletId' in target ? target.walletId : target.memberId,
    entry.id,
    entry.type,
    entry.referenceType,
    entry.referenceId,
    entry.ruleVersionId,
    entry.explanation,
    entry.actorUserId,
    lotRows,
  ]
  const [row] = await runPrepared<{ wallet_id: string; balance: string }>(
    tx,
    'walletId' in target ? creditTexts.walletId : creditTexts.memberId,
    'walletId' in target ? params : [...params, target.newWalletId],
  )
  return row ? { walletId: row.wallet_id, balance: Number(row.balance) } : null
}

export async function insertEntry(tx: Tx, entry: NewEntry): Promise<Entry> {
  const [row] = await tx.insert(ledgerEntries).values(entry).returning()
  return row!
}

export async function insertAllocations(tx: Tx, rows: (typeof lotAllocations.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(lotAllocations).values(rows)
}

export async function findEffect(
  tx: Tx,
  scope: TenantScope,
  type: EntryType,
  referenceType: string,
  referenceId: string,
): Promise<Entry | null> {
  const [row] = await tx
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.tenantId, scope.tenantId),
        eq(ledgerEntries.type, type),
        eq(ledgerEntries.referenceType, referenceType),
        eq(ledgerEntries.referenceId, referenceId),
      ),
    )
  return row ?? null
}

/** The lots a debit drew from, with their expiry, so a reversal can give the same points back. */
export async function allocationsOf(
  tx: Tx,
  scope: TenantScope,
  entryId: string,
): Promise<{ points: number; expiresAt: Date | null }[]> {
  return tx
    .select({ points: lotAllocations.points, expiresAt: lots.expiresAt })
    .from(lotAllocations)
    .innerJoin(lots, eq(lots.id, lotAllocations.lotId))
    .where(and(eq(lotAllocations.tenantId, scope.tenantId), eq(lotAllocations.entryId, entryId)))
    .orderBy(asc(lotAllocations.id))
}

export async function lotsOfEntry(tx: Tx, scope: TenantScope, entryId: string): Promise<{ id: string }[]> {
  return tx
    .select({ id: lots.id })
    .from(lots)
    .where(and(eq(lots.tenantId, scope.tenantId), eq(lots.entryId, entryId)))
}

export async function entriesOf(tx: Tx, scope: TenantScope, walletId: string, limit: number): Promise<Entry[]> {
  return tx
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.tenantId, scope.tenantId), eq(ledgerEntries.walletId, walletId)))
    .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
    .limit(limit)
}

export async function lotsByIds(tx: Tx, scope: TenantScope, ids: string[]): Promise<OpenLot[]> {
  if (!ids.length) return []
  return tx
    .select({ id: lots.id, remaining: lots.remaining, expiresAt: lots.expiresAt, createdAt: lots.createdAt })
    .from(lots)
    .where(and(eq(lots.tenantId, scope.tenantId), inArray(lots.id, ids)))
}
