// Tiers from the ledger: the points a member earned in the rules' rolling window (earn entries,
// their refund reversals subtracted) decide the tier; the member_tiers row is the projection the
// wallet reads. Computed inside the award's transaction (so the sale is evaluated with the tier
// its earlier sales gave) and recomputed nightly, when points leave the window with no sale.
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm'
import type { Db, Tx } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { type StoredRuleVersion, type TierStanding, tierStanding, tiersOf } from '../rules'
import { ledgerEntries, memberTiers, wallets } from './ledger.schema'

const TIER_ENTRY_TYPES = ['earn', 'earn_reversal'] as const
const DAY_MS = 86_400_000
const BATCH = 1000

const windowStart = (windowDays: number, at: Date) => new Date(at.getTime() - windowDays * DAY_MS)

const inWindow = (scope: TenantScope, windowDays: number, at: Date) =>
  and(
    eq(ledgerEntries.tenantId, scope.tenantId),
    inArray(ledgerEntries.type, [...TIER_ENTRY_TYPES]),
    gt(ledgerEntries.createdAt, windowStart(windowDays, at)),
    lte(ledgerEntries.createdAt, at),
  )

/**
 * Points a member earned in the window ending at `at`, for evaluating their next sale; 0 when
 * the rules have no tiers (and then nothing is read).
 */
export async function tierPointsOfMember(
  tx: Tx,
  scope: TenantScope,
  rules: StoredRuleVersion,
  memberId: string,
  at: Date,
): Promise<number> {
  const config = tiersOf(rules.ruleSet)
  if (!config) return 0
  const [row] = await tx
    .select({ points: sql<string>`coalesce(sum(${ledgerEntries.points}), 0)` })
    .from(ledgerEntries)
    .innerJoin(wallets, eq(wallets.id, ledgerEntries.walletId))
    .where(and(inWindow(scope, config.window_days, at), eq(wallets.memberId, memberId)))
  return Math.max(0, Number(row?.points ?? 0))
}

/** Recomputes the wallet's tier row from the ledger (without tiers, the nightly pass clears rows). */
export async function refreshMemberTier(
  tx: Tx,
  scope: TenantScope,
  rules: StoredRuleVersion,
  walletId: string,
  at: Date,
): Promise<TierStanding | null> {
  const config = tiersOf(rules.ruleSet)
  if (!config) return null
  const sums = await windowSums(tx, scope, config.window_days, [walletId], at)
  const standing = tierStanding(rules.ruleSet, sums.get(walletId) ?? 0)!
  await upsertTiers(tx, scope, rules, [{ walletId, standing }], at)
  return standing
}

/**
 * Every wallet of a tenant, in batches of short transactions: the nightly pass that lets a tier
 * lapse when points leave the window. Without tiers in the rules, the tenant's rows are removed.
 */
export async function recomputeTenantTiers(
  db: Db,
  scope: TenantScope,
  rules: StoredRuleVersion,
  at: Date,
): Promise<number> {
  const config = tiersOf(rules.ruleSet)
  if (!config) {
    await inTenant(db, scope, (tx) => tx.delete(memberTiers).where(eq(memberTiers.tenantId, scope.tenantId)))
    return 0
  }
  let done = 0
  let after = ''
  for (;;) {
    const batch = await inTenant(db, scope, async (tx) => {
      const ids = (
        await tx
          .select({ id: wallets.id })
          .from(wallets)
          .where(and(eq(wallets.tenantId, scope.tenantId), gt(wallets.id, after)))
          .orderBy(wallets.id)
          .limit(BATCH)
      ).map((w) => w.id)
      if (!ids.length) return ids
      const sums = await windowSums(tx, scope, config.window_days, ids, at)
      await upsertTiers(
        tx,
        scope,
        rules,
        ids.map((walletId) => ({ walletId, standing: tierStanding(rules.ruleSet, sums.get(walletId) ?? 0)! })),
        at,
      )
      return ids
    })
    done += batch.length
    if (batch.length < BATCH) return done
    after = batch.at(-1)!
  }
}

/** The stored tier points of a wallet (0 when never computed), for the wallet page. */
export async function walletTierPoints(db: Db, scope: TenantScope, walletId: string): Promise<number> {
  const [row] = await inTenant(db, scope, (tx) =>
    tx
      .select({ points: memberTiers.pointsInWindow })
      .from(memberTiers)
      .where(and(eq(memberTiers.tenantId, scope.tenantId), eq(memberTiers.walletId, walletId))),
  )
  return row?.points ?? 0
}

async function windowSums(
  tx: Tx,
  scope: TenantScope,
  windowDays: number,
  walletIds: string[],
  at: Date,
): Promise<Map<string, number>> {
  const rows = await tx
    .select({ walletId: ledgerEntries.walletId, points: sql<string>`sum(${ledgerEntries.points})` })
    .from(ledgerEntries)
    .where(and(inWindow(scope, windowDays, at), inArray(ledgerEntries.walletId, walletIds)))
    .groupBy(ledgerEntries.walletId)
  return new Map(rows.map((r) => [r.walletId, Math.max(0, Number(r.points))]))
}

async function upsertTiers(
  tx: Tx,
  scope: TenantScope,
  rules: StoredRuleVersion,
  rows: { walletId: string; standing: TierStanding }[],
  at: Date,
) {
  await tx
    .insert(memberTiers)
    .values(
      rows.map((r) => ({
        walletId: r.walletId,
        tenantId: scope.tenantId,
        tier: r.standing.tier?.name ?? null,
        pointsInWindow: r.standing.pointsInWindow,
        ruleVersionId: rules.id,
        computedAt: at,
      })),
    )
    .onConflictDoUpdate({
      target: memberTiers.walletId,
      set: {
        tier: sql`excluded.tier`,
        pointsInWindow: sql`excluded.points_in_window`,
        ruleVersionId: sql`excluded.rule_version_id`,
        computedAt: sql`excluded.computed_at`,
      },
    })
}
