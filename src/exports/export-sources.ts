// What each export holds, read a page at a time by keyset (created_at, id) so a million rows
// stream in constant memory and no page is skipped or repeated while new rows arrive. Owners
// export full contacts: the file is theirs to move to another system (staff cannot export).
import { and, asc, eq, gte, lt, type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { ledgerEntries, wallets } from '../ledger'
import { members } from '../members'
import { posTransactions } from '../infra/schema'

export const exportKinds = ['transactions', 'members', 'ledger'] as const
export type ExportKind = (typeof exportKinds)[number]

export type Range = { from?: Date; to?: Date }
export type Cursor = { at: Date; id: string }
type Cell = string | number | boolean | null
export type Page = { rows: Record<string, Cell>[]; next: Cursor | null }

export type ExportSource = {
  columns: string[]
  page(tx: Tx, scope: TenantScope, range: Range, after: Cursor | null, limit: number): Promise<Page>
  count(tx: Tx, scope: TenantScope, range: Range): Promise<number>
}

/** The WHERE of one page: tenant, date range, and strictly after the cursor. */
function window(
  tenantCol: PgColumn,
  tenantId: string,
  at: PgColumn,
  id: PgColumn,
  range: Range,
  after: Cursor | null,
): SQL | undefined {
  return and(
    eq(tenantCol, tenantId),
    range.from ? gte(at, range.from) : undefined,
    range.to ? lt(at, range.to) : undefined,
    // A row comparison, so the (tenant, created_at, id) index seeks straight to the next page.
    after ? sql`(${at}, ${id}) > (${after.at.toISOString()}::timestamptz, ${after.id})` : undefined,
  )
}

const iso = (d: Date | null) => d?.toISOString() ?? null

function paged<T extends { createdAt: Date; id: string }>(
  rows: T[],
  limit: number,
  toRow: (r: T) => Record<string, Cell>,
): Page {
  const last = rows.at(-1)
  return { rows: rows.map(toRow), next: rows.length === limit && last ? { at: last.createdAt, id: last.id } : null }
}

const countOf = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0)

const transactions: ExportSource = {
  columns: [
    'transaction_id',
    'provider',
    'provider_transaction_id',
    'occurred_at',
    'currency',
    'total_minor',
    'refunded_minor',
    'state',
    'member_id',
    'points_awarded',
    'points_reversed',
    'explanation',
    'created_at',
  ],
  async page(tx, scope, range, after, limit) {
    const t = posTransactions
    const rows = await tx
      .select()
      .from(t)
      .where(window(t.tenantId, scope.tenantId, t.createdAt, t.id, range, after))
      .orderBy(asc(t.createdAt), asc(t.id))
      .limit(limit)
    return paged(rows, limit, (r) => ({
      transaction_id: r.id,
      provider: r.provider,
      provider_transaction_id: r.providerTransactionId,
      occurred_at: r.occurredAt.toISOString(),
      currency: r.currency,
      total_minor: r.totalMinor,
      refunded_minor: r.refundedMinor,
      state: r.state,
      member_id: r.memberId,
      points_awarded: r.pointsAwarded,
      points_reversed: r.pointsReversed,
      explanation: r.explanation,
      created_at: r.createdAt.toISOString(),
    }))
  },
  count: (tx, scope, range) =>
    countOf(
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(posTransactions)
        .where(
          window(posTransactions.tenantId, scope.tenantId, posTransactions.createdAt, posTransactions.id, range, null),
        ),
    ),
}

const memberList: ExportSource = {
  columns: ['member_id', 'name', 'phone', 'email', 'balance', 'signed_up', 'joined_at'],
  async page(tx, scope, range, after, limit) {
    const m = members
    const rows = await tx
      .select({
        id: m.id,
        name: m.name,
        phone: m.phone,
        email: m.email,
        userId: m.userId,
        createdAt: m.createdAt,
        balance: wallets.balance,
      })
      .from(m)
      .leftJoin(wallets, eq(wallets.memberId, m.id))
      .where(window(m.tenantId, scope.tenantId, m.createdAt, m.id, range, after))
      .orderBy(asc(m.createdAt), asc(m.id))
      .limit(limit)
    return paged(rows, limit, (r) => ({
      member_id: r.id,
      name: r.name,
      phone: r.phone,
      email: r.email,
      balance: r.balance ?? 0,
      signed_up: r.userId !== null,
      joined_at: r.createdAt.toISOString(),
    }))
  },
  count: (tx, scope, range) =>
    countOf(
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(members)
        .where(window(members.tenantId, scope.tenantId, members.createdAt, members.id, range, null)),
    ),
}

const ledger: ExportSource = {
  columns: [
    'entry_id',
    'wallet_id',
    'type',
    'points',
    'balance_after',
    'reference_type',
    'reference_id',
    'rule_version_id',
    'explanation',
    'created_at',
  ],
  async page(tx, scope, range, after, limit) {
    const e = ledgerEntries
    const rows = await tx
      .select()
      .from(e)
      .where(window(e.tenantId, scope.tenantId, e.createdAt, e.id, range, after))
      .orderBy(asc(e.createdAt), asc(e.id))
      .limit(limit)
    return paged(rows, limit, (r) => ({
      entry_id: r.id,
      wallet_id: r.walletId,
      type: r.type,
      points: r.points,
      balance_after: r.balanceAfter,
      reference_type: r.referenceType,
      reference_id: r.referenceId,
      rule_version_id: r.ruleVersionId,
      explanation: r.explanation,
      created_at: iso(r.createdAt),
    }))
  },
  count: (tx, scope, range) =>
    countOf(
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(ledgerEntries)
        .where(window(ledgerEntries.tenantId, scope.tenantId, ledgerEntries.createdAt, ledgerEntries.id, range, null)),
    ),
}

export const exportSources: Record<ExportKind, ExportSource> = { transactions, members: memberList, ledger }
