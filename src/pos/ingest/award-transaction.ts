// Awards one locked POS transaction to a member: evaluate the active rules, write the ledger
// entry (unique per transaction, so a retry or race cannot credit twice), record the outcome
// on the row, then apply any refunds that were waiting for the sale (the row's UPDATE says
// whether there are any, so a sale without refunds reads none). A sale that earns points
// also grants the member's referral bonuses, if they joined through a friend (once, ADR 0025).
import type { Tx } from '../../infra/db'
import type { TenantScope } from '../../infra/scope'
import { earnForMember, refreshMemberTier, tierPointsOfMember } from '../../ledger'
import { grantReferralBonus } from '../../referrals'
import { countsVisits, evaluate, explain, pointsExpiry, redemptionPolicy, type StoredRuleVersion } from '../../rules'
import { settleRefunds } from './settle-refunds'
import { type PosTransaction, recordAward, visitsOf } from './transactions.repo'

export type AwardContext = { scope: TenantScope; rules: StoredRuleVersion; timeZone: string; now: Date }

/** The ledger reference of a transaction's award; refunds reverse against it. */
export const awardReference = (txn: Pick<PosTransaction, 'id'>) => ({ referenceType: 'pos_txn', referenceId: txn.id })

/** `fresh`: the row was inserted by this transaction, so nothing can have been awarded for it yet. */
export async function awardTransaction(
  tx: Tx,
  ctx: AwardContext,
  txn: PosTransaction,
  memberId: string,
  { fresh = false } = {},
): Promise<PosTransaction> {
  const { scope, rules, now } = ctx
  const visitCount = countsVisits(rules.ruleSet) ? await visitsOf(tx, scope, memberId, txn.id) : 0
  // The tier this sale earns under comes from the member's earlier sales in the window.
  const tierPoints = await tierPointsOfMember(tx, scope, rules, memberId, txn.occurredAt)
  const evaluation = evaluate(
    rules.ruleSet,
    { currency: txn.currency, total: txn.totalMinor, ...txn.amounts },
    { now: txn.occurredAt, timeZone: ctx.timeZone, stats: { visitCount, tierPoints } },
  )
  const explanation = explain(evaluation.trace)
  if (evaluation.points > 0) {
    // With expiry switched on, the sale's points form one lot that lapses N shop-days after the sale.
    const expiresAt = pointsExpiry(redemptionPolicy(rules.ruleSet), txn.occurredAt, ctx.timeZone)
    const { entry } = await earnForMember(tx, scope, memberId, {
      points: evaluation.points,
      ...awardReference(txn),
      ruleVersionId: rules.id,
      explanation,
      now,
      newReference: fresh,
      ...(expiresAt ? { expiresAt } : {}),
    })
    // This award may lift the member into the next tier; the wallet shows it at once.
    await refreshMemberTier(tx, scope, rules, entry.walletId, now)
    await grantReferralBonus(tx, { scope, rules, now }, memberId)
  }
  const { txn: awarded, refundsWaiting } = await recordAward(
    tx,
    scope,
    txn,
    {
      reason: evaluation.points > 0 ? null : 'no_points',
      memberId,
      pointsAwarded: evaluation.points,
      ruleVersionId: rules.id,
      explanation,
    },
    now,
  )
  return refundsWaiting ? settleRefunds(tx, ctx, awarded) : awarded
}
