// Read-only view of past sales for the back-test. pos_transactions belongs to the pos module
// (which imports rules, so rules may not import its front door); this file only reads the
// schema, never writes. Duplicates and failed rows never earned, and sales without a member
// earn nobody anything, so neither is replayed.
import { and, asc, count, eq, gt, gte, isNotNull, lt, notInArray, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../infra/db'
import type { EarnedDay, ReplaySale } from './backtest-replay'
import { posTransactions } from '../infra/schema'

const NEVER_EARNED = ['duplicate', 'failed'] as const

const replayable = (tenantId: string) =>
  and(
    eq(posTransactions.tenantId, tenantId),
    isNotNull(posTransactions.memberId),
    notInArray(posTransactions.state, [...NEVER_EARNED]),
  )

export type SaleCursor = { occurredAt: Date; id: string }

export async function countReplayableSales(tx: DbOrTx, tenantId: string, from: Date, to: Date): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(posTransactions)
    .where(and(replayable(tenantId), gte(posTransactions.occurredAt, from), lt(posTransactions.occurredAt, to)))
  return row?.n ?? 0
}

/** Visits (sales above zero) each member made before the period, so visit bonuses line up. */
export async function visitsBefore(tx: DbOrTx, tenantId: string, before: Date): Promise<Map<string, number>> {
  const rows = await tx
    .select({ memberId: posTransactions.memberId, n: count() })
    .from(posTransactions)
    .where(and(replayable(tenantId), lt(posTransactions.occurredAt, before), gt(posTransactions.totalMinor, 0)))
    .groupBy(posTransactions.memberId)
  return new Map(rows.map((r) => [r.memberId!, r.n]))
}

/**
 * Points each member was awarded per day in the `days` before the period, so the replay starts
 * every member in the tier their history gave them. Sales only (what the replay can recompute).
 */
export async function earnedBefore(
  tx: DbOrTx,
  tenantId: string,
  before: Date,
  days: number,
): Promise<Map<string, EarnedDay[]>> {
  if (days <= 0) return new Map()
  const day = sql<Date>`date_trunc('day', ${posTransactions.occurredAt})`
  const rows = await tx
    .select({ memberId: posTransactions.memberId, day, points: sql<string>`sum(${posTransactions.pointsAwarded})` })
    .from(posTransactions)
    .where(
      and(
        replayable(tenantId),
        gte(posTransactions.occurredAt, new Date(before.getTime() - days * 86_400_000)),
        lt(posTransactions.occurredAt, before),
        gt(posTransactions.pointsAwarded, 0),
      ),
    )
    .groupBy(posTransactions.memberId, day)
  const out = new Map<string, EarnedDay[]>()
  for (const r of rows)
    out.set(r.memberId!, [...(out.get(r.memberId!) ?? []), { at: new Date(r.day).getTime(), points: Number(r.points) }])
  return out
}

/** One page in (occurred_at, id) order; pass the last row as the cursor for the next page. */
export async function replayableSalesPage(
  tx: DbOrTx,
  tenantId: string,
  period: { from: Date; to: Date },
  after: SaleCursor | null,
  limit: number,
): Promise<{ sales: ReplaySale[]; next: SaleCursor | null }> {
  const rows = await tx
    .select()
    .from(posTransactions)
    .where(
      and(
        replayable(tenantId),
        gte(posTransactions.occurredAt, period.from),
        lt(posTransactions.occurredAt, period.to),
        after
          ? or(
              gt(posTransactions.occurredAt, after.occurredAt),
              and(eq(posTransactions.occurredAt, after.occurredAt), gt(posTransactions.id, after.id)),
            )
          : sql`true`,
      ),
    )
    .orderBy(asc(posTransactions.occurredAt), asc(posTransactions.id))
    .limit(limit)
  const sales = rows.map((row) => ({
    occurredAt: row.occurredAt,
    memberId: row.memberId!,
    transaction: { currency: row.currency, total: row.totalMinor, ...reportedAmounts(row.amounts) },
  }))
  const last = rows.at(-1)
  return { sales, next: rows.length === limit && last ? { occurredAt: last.occurredAt, id: last.id } : null }
}

/** Only whole-number amounts the POS actually reported; absent stays absent (never zero). */
function reportedAmounts(amounts: Record<string, unknown>) {
  const out: { subtotal?: number; discount?: number; tax?: number; tip?: number } = {}
  for (const key of ['subtotal', 'discount', 'tax', 'tip'] as const) {
    const value = amounts[key]
    if (typeof value === 'number' && Number.isSafeInteger(value)) out[key] = value
  }
  return out
}
