// Redemption rows. State changes are single guarded UPDATEs (… AND status = 'issued'), so a
// code is completed, expired or cancelled exactly once however many callers race.
import { and, desc, eq, gt, lte } from 'drizzle-orm'
import type { Db, Tx } from '../infra/db'
import { asSystem, inTenant, type TenantScope } from '../infra/scope'
import { redemptions, wallets } from './ledger.schema'
import { members, tenants } from '../infra/schema'

export type Redemption = typeof redemptions.$inferSelect

export async function insertRedemption(tx: Tx, row: typeof redemptions.$inferInsert): Promise<Redemption> {
  const [r] = await tx.insert(redemptions).values(row).returning()
  return r!
}

export async function markCompleted(
  tx: Tx,
  scope: TenantScope,
  code: string,
  staffUserId: string,
  now: Date,
): Promise<Redemption | null> {
  const [r] = await tx
    .update(redemptions)
    .set({ status: 'completed', completedAt: now, completedBy: staffUserId })
    .where(
      and(
        eq(redemptions.tenantId, scope.tenantId),
        eq(redemptions.code, code),
        eq(redemptions.status, 'issued'),
        gt(redemptions.expiresAt, now),
      ),
    )
    .returning()
  return r ?? null
}

/** issued → expired (only once past expiry) or issued → cancelled (any time). */
export async function markFinished(
  tx: Tx,
  scope: TenantScope,
  id: string,
  outcome: 'expired' | 'cancelled',
  now: Date,
): Promise<Redemption | null> {
  const [r] = await tx
    .update(redemptions)
    .set({ status: outcome })
    .where(
      and(
        eq(redemptions.tenantId, scope.tenantId),
        eq(redemptions.id, id),
        eq(redemptions.status, 'issued'),
        ...(outcome === 'expired' ? [lte(redemptions.expiresAt, now)] : []),
      ),
    )
    .returning()
  return r ?? null
}

/** The newest redemption that used this code in this tenant, with a masked-ready member. */
export async function findByCode(tx: Tx, scope: TenantScope, code: string) {
  const [r] = await tx
    .select({ redemption: redemptions, phone: members.phone, email: members.email, memberId: members.id })
    .from(redemptions)
    .innerJoin(wallets, eq(wallets.id, redemptions.walletId))
    .innerJoin(members, eq(members.id, wallets.memberId))
    .where(and(eq(redemptions.tenantId, scope.tenantId), eq(redemptions.code, code)))
    .orderBy(desc(redemptions.createdAt))
    .limit(1)
  return r ?? null
}

/** A consumer's own redemption; anyone else's is "not found". */
export async function ownedRedemption(
  db: Db,
  userId: string,
  id: string,
): Promise<(Redemption & { tenantName: string }) | null> {
  const [r] = await asSystem(db, (tx) =>
    tx
      .select({ r: redemptions, tenantName: tenants.name })
      .from(redemptions)
      .innerJoin(wallets, eq(wallets.id, redemptions.walletId))
      .innerJoin(members, eq(members.id, wallets.memberId))
      .innerJoin(tenants, eq(tenants.id, redemptions.tenantId))
      .where(and(eq(redemptions.id, id), eq(members.userId, userId))),
  )
  return r ? { ...r.r, tenantName: r.tenantName } : null
}

/** A wallet's codes that can still be shown at the till, soonest to expire first. */
export async function liveRedemptions(db: Db, scope: TenantScope, walletId: string, now: Date): Promise<Redemption[]> {
  return inTenant(db, scope, (tx) =>
    tx
      .select()
      .from(redemptions)
      .where(
        and(
          eq(redemptions.tenantId, scope.tenantId),
          eq(redemptions.walletId, walletId),
          eq(redemptions.status, 'issued'),
          gt(redemptions.expiresAt, now),
        ),
      )
      .orderBy(redemptions.expiresAt),
  )
}

/** Issued codes past expiry across tenants, for the sweeper (system scope by design). */
export async function overdueRedemptions(
  db: Db,
  now: Date,
  limit: number,
): Promise<{ id: string; tenantId: string }[]> {
  return asSystem(db, (tx) =>
    tx
      .select({ id: redemptions.id, tenantId: redemptions.tenantId })
      .from(redemptions)
      .where(and(eq(redemptions.status, 'issued'), lte(redemptions.expiresAt, now)))
      .orderBy(redemptions.expiresAt)
      .limit(limit),
  )
}
