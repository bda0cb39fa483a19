// Wallet builders for ledger tests: a member by phone, their wallet, and an opening earn,
// written through the real front doors so every guard sees them.
import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../src/infra/db'
import { asSystem } from '../../src/infra/scope'
import { earn, ensureWallet, ledgerEntries, lots, wallets } from '../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../src/members'

let seq = 0
export const uniquePhone = () =>
  `+1415${String((Date.now() % 10_000_000) + ++seq * 7919)
    .slice(-7)
    .padStart(7, '0')}`

export async function seedWallet(
  db: Db,
  tenantId: string,
  p: { phone?: string; email?: string; points?: number; expiresAt?: Date | null; now?: Date } = {},
) {
  const scope = { tenantId }
  const now = p.now ?? new Date()
  const member = await findOrCreateMemberByIdentity(
    db,
    scope,
    { phone: p.phone ?? uniquePhone(), email: p.email ?? null },
    now,
  )
  const wallet = await ensureWallet(db, scope, member.id, now)
  if (p.points)
    await earn(db, scope, {
      walletId: wallet.id,
      points: p.points,
      referenceType: 'test_seed',
      referenceId: `seed-${wallet.id}`,
      ruleVersionId: null,
      explanation: 'Opening balance',
      expiresAt: p.expiresAt ?? null,
      now,
    })
  return { member, wallet, scope }
}

/** Projection, ledger sum and open-lot sum of one wallet, read in one snapshot. */
export async function walletSums(db: Db, walletId: string) {
  return asSystem(db, async (tx) => {
    const [w] = await tx.select({ balance: wallets.balance }).from(wallets).where(eq(wallets.id, walletId))
    const [e] = await tx
      .select({ s: sql<number>`coalesce(sum(${ledgerEntries.points}), 0)::bigint`.mapWith(Number) })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.walletId, walletId))
    const [l] = await tx
      .select({ s: sql<number>`coalesce(sum(${lots.remaining}), 0)::bigint`.mapWith(Number) })
      .from(lots)
      .where(eq(lots.walletId, walletId))
    return { balance: w?.balance ?? NaN, ledger: e?.s ?? NaN, lots: l?.s ?? NaN }
  })
}
