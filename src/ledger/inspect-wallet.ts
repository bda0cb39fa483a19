// The admin's ledger inspector for one wallet: every entry, every lot, the stored balance next
// to the sum recomputed from the ledger, and the open lots' total. When reconciliation reports
// a wallet, this is where an operator sees why. System scope: admins look across tenants.
import { desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { asSystem } from '../infra/scope'
import { ledgerEntries, lots, wallets } from './ledger.schema'
import { members, tenants } from '../infra/schema'

/** More than an operator reads on one page; the sums below still cover every entry. */
const MAX_ROWS = 500

export type WalletInspection = {
  wallet: { id: string; tenantId: string; tenantName: string; memberId: string; balance: number }
  /** Sum of every ledger entry of the wallet: what the balance must equal. */
  ledgerSum: number
  entryCount: number
  /** Points still open in lots (not yet spent or expired): what the balance must also equal. */
  openLotPoints: number
  entries: (typeof ledgerEntries.$inferSelect)[]
  lots: (typeof lots.$inferSelect)[]
}

export async function inspectWallet(db: Db, walletId: string): Promise<WalletInspection | null> {
  return asSystem(db, async (tx) => {
    const [wallet] = await tx
      .select({
        id: wallets.id,
        tenantId: wallets.tenantId,
        tenantName: tenants.name,
        memberId: wallets.memberId,
        balance: wallets.balance,
      })
      .from(wallets)
      .innerJoin(members, eq(members.id, wallets.memberId))
      .innerJoin(tenants, eq(tenants.id, wallets.tenantId))
      .where(eq(wallets.id, walletId))
    if (!wallet) return null
    const [sums] = await tx
      .select({ sum: sql<string>`coalesce(sum(${ledgerEntries.points}), 0)::text`, n: sql<number>`count(*)::int` })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.walletId, walletId))
    const [open] = await tx
      .select({ sum: sql<string>`coalesce(sum(${lots.remaining}), 0)::text` })
      .from(lots)
      .where(eq(lots.walletId, walletId))
    const entries = await tx
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.walletId, walletId))
      .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
      .limit(MAX_ROWS)
    const lotRows = await tx
      .select()
      .from(lots)
      .where(eq(lots.walletId, walletId))
      .orderBy(desc(lots.createdAt))
      .limit(MAX_ROWS)
    return {
      wallet,
      ledgerSum: Number(sums?.sum ?? 0),
      entryCount: sums?.n ?? 0,
      openLotPoints: Number(open?.sum ?? 0),
      entries,
      lots: lotRows,
    }
  })
}
