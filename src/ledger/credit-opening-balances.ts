// Opening balances brought over from another loyalty system, many wallets at once: one
// `import` entry and one lot per member, at most once per member ever (the entry's reference is
// the member, so the ledger's unique effect index refuses a second). Set-based because a shop
// moving 100k customers should not wait for 100k round trips; the same guarantees as
// record-entry.ts: the balance and its entry change in one statement pair under the wallet lock.
import { and, eq, inArray, sql } from 'drizzle-orm'
import { execRows, type Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { newId } from '../shared/ids'
import { ledgerEntries, lots } from './ledger.schema'

export type OpeningBalance = { walletId: string; memberId: string; points: number }

export const IMPORT_REFERENCE = 'member'

/** Members of the list that already received their opening balance. */
export async function alreadyImportedMembers(tx: Tx, scope: TenantScope, memberIds: string[]): Promise<Set<string>> {
  if (!memberIds.length) return new Set()
  const rows = await tx
    .select({ id: ledgerEntries.referenceId })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.tenantId, scope.tenantId),
        eq(ledgerEntries.type, 'import'),
        eq(ledgerEntries.referenceType, IMPORT_REFERENCE),
        inArray(ledgerEntries.referenceId, memberIds),
      ),
    )
  return new Set(rows.map((r) => r.id))
}

/**
 * Credits each balance not credited before; returns how many were written. The caller holds a
 * per-tenant import lock (two imports of one file never interleave), so "not credited before"
 * read here stays true until commit.
 */
export async function creditOpeningBalances(
  tx: Tx,
  scope: TenantScope,
  items: OpeningBalance[],
  explanation: string,
  now: Date,
): Promise<number> {
  const done = await alreadyImportedMembers(
    tx,
    scope,
    items.map((i) => i.memberId),
  )
  const todo = items
    .filter((i) => i.points > 0 && !done.has(i.memberId))
    .sort((a, b) => (a.walletId < b.walletId ? -1 : 1))
  if (!todo.length) return 0
  // Wallet order is the lock order: concurrent single-wallet writers cannot deadlock with us.
  const values = sql.join(
    todo.map((t) => sql`(${t.walletId}, ${t.points}::bigint)`),
    sql`, `,
  )
  const moved = await execRows<{ id: string; balance: string | number }>(
    tx,
    sql`update wallets w set balance = w.balance + d.points, updated_at = ${now.toISOString()}::timestamptz
        from (values ${values}) as d(id, points)
        where w.id = d.id and w.tenant_id = ${scope.tenantId}
        returning w.id, w.balance`,
  )
  const balanceOf = new Map(moved.map((m) => [m.id, Number(m.balance)]))
  const entries = todo.map((t) => ({
    id: newId('ent', now.getTime()),
    tenantId: scope.tenantId,
    walletId: t.walletId,
    type: 'import' as const,
    points: t.points,
    balanceAfter: balanceOf.get(t.walletId) ?? Number.NaN,
    referenceType: IMPORT_REFERENCE,
    referenceId: t.memberId,
    ruleVersionId: null,
    explanation,
    createdAt: now,
  }))
  await tx.insert(ledgerEntries).values(entries)
  await tx.insert(lots).values(
    entries.map((e) => ({
      id: newId('lot', now.getTime()),
      tenantId: scope.tenantId,
      walletId: e.walletId,
      entryId: e.id,
      points: e.points,
      remaining: e.points,
      expiresAt: null,
      createdAt: now,
    })),
  )
  return todo.length
}
