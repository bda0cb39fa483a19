// Claimable receipts. A sale that reached us with no customer is lost to loyalty unless someone
// names the customer; here the customer names themselves. The merchant prints or shows the
// sale's claim code (one per sale, made on first request); the signed-in customer enters it
// within the claim window and the sale is awarded to them through the same award path as any
// other sale, once. Later refunds reverse from them, because the sale now names their member.
import { randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { AppDeps } from '../../infra/deps'
import { asSystem, inTenant, type TenantScope } from '../../infra/scope'
import { CODE_LENGTH, codeFromBytes, ensureWallet, formatCode, normalizeCode } from '../../ledger'
import { memberForUser, type VerifiedUser } from '../../members'
import { getActiveRules } from '../../rules'
import { AppError, notFound } from '../../shared/errors'
import { newId } from '../../shared/ids'
import { getTenant } from '../../tenancy'
import { saleClaims } from '../pos.schema'
import { awardTransaction } from './award-transaction'
import { lockTransactionById } from './transactions.repo'

/** How long after the sale its receipt can be claimed. */
export const CLAIM_WINDOW_DAYS = 30
const DAY_MS = 86_400_000

export type SaleClaim = { code: string; expiresAt: Date }

/** The sale's claim code, made on first request; refused once claimed or when the sale has a customer. */
export async function issueSaleClaim(deps: AppDeps, scope: TenantScope, transactionId: string): Promise<SaleClaim> {
  const now = deps.clock()
  return inTenant(deps.dbh.db, scope, async (tx) => {
    const txn = await lockTransactionById(tx, scope, transactionId)
    if (!txn) throw notFound('Transaction')
    const [existing] = await tx
      .select()
      .from(saleClaims)
      .where(and(eq(saleClaims.tenantId, scope.tenantId), eq(saleClaims.transactionId, txn.id)))
    if (existing?.claimedAt) throw new AppError('already_used', 'This receipt has already been claimed')
    if (txn.state !== 'unmatched') throw new AppError('conflict', 'Only a sale awarded to nobody has a claim code')
    if (existing) return { code: formatCode(existing.code), expiresAt: existing.expiresAt }
    const expiresAt = new Date(txn.occurredAt.getTime() + CLAIM_WINDOW_DAYS * DAY_MS)
    const code = codeFromBytes(randomBytes(CODE_LENGTH))
    await tx.insert(saleClaims).values({
      id: newId('clm', now.getTime()),
      tenantId: scope.tenantId,
      transactionId: txn.id,
      code,
      expiresAt,
      createdAt: now,
    })
    return { code: formatCode(code), expiresAt }
  })
}

export type ClaimResult = { walletId: string; points: number; tenantId: string }

/** A signed-in customer claims a receipt by its code. */
export async function claimSale(deps: AppDeps, user: VerifiedUser, typed: string): Promise<ClaimResult> {
  const code = normalizeCode(typed)
  if (!code) throw notFound('Claim code')
  const now = deps.clock()
  // The code names its shop: looking it up is the one cross-tenant step (system scope).
  const [found] = await asSystem(deps.dbh.db, (tx) => tx.select().from(saleClaims).where(eq(saleClaims.code, code)))
  if (!found) throw notFound('Claim code')
  const scope = { tenantId: found.tenantId }
  const tenant = await getTenant(deps.dbh.db, scope.tenantId)
  if (!tenant) throw notFound('Claim code')
  const rules = await getActiveRules(deps, scope.tenantId)
  const awarded = await inTenant(deps.dbh.db, scope, async (tx) => {
    // The sale's row lock serialises two people (or two taps) claiming the same receipt.
    const txn = await lockTransactionById(tx, scope, found.transactionId)
    const [claim] = await tx
      .select()
      .from(saleClaims)
      .where(and(eq(saleClaims.tenantId, scope.tenantId), eq(saleClaims.id, found.id)))
    if (!txn || !claim) throw notFound('Claim code')
    if (claim.claimedAt || txn.state !== 'unmatched')
      throw new AppError('already_used', 'This receipt has already been claimed')
    if (claim.expiresAt <= now)
      throw new AppError('expired', `Receipts can be claimed for ${CLAIM_WINDOW_DAYS} days after the sale`)
    const memberId = await memberForUser(tx, scope, user, now)
    if (!memberId) throw new AppError('conflict', 'Verify a phone number or email address on your account first')
    const wallet = await ensureWallet(tx, scope, memberId, now)
    const after = await awardTransaction(tx, { scope, rules, timeZone: tenant.timeZone, now }, txn, memberId)
    await tx
      .update(saleClaims)
      .set({ claimedAt: now, claimedByUserId: user.id })
      .where(and(eq(saleClaims.tenantId, scope.tenantId), eq(saleClaims.id, claim.id), isNull(saleClaims.claimedAt)))
    return { walletId: wallet.id, points: after.pointsAwarded, tenantId: scope.tenantId }
  })
  return awarded
}
