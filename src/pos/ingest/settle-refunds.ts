// Applies a sale's refunds that have not been applied yet, in the order they happened, each as
// its own ledger reversal (so a redelivered refund reverses once). Runs when a refund arrives
// and again when its sale is awarded, which is how a refund that came first waits for its sale.
import type { Tx } from '../../infra/db'
import type { TenantScope } from '../../infra/scope'
import { reverseEarnPart } from '../../ledger'
import { owedPerRefund } from './refund-math'
import { markRefundApplied, type PosTransaction, refundsOf, updateTransaction } from './transactions.repo'

export async function settleRefunds(
  tx: Tx,
  ctx: { scope: TenantScope; now: Date },
  txn: PosTransaction,
): Promise<PosTransaction> {
  // Only an awarded sale has points to take back; an unmatched one keeps its refunds waiting,
  // so attaching a member later awards and then reverses in one go.
  if (txn.state !== 'awarded' && txn.state !== 'reversed') return txn
  const refunds = await refundsOf(tx, ctx.scope, txn)
  const pending = refunds.filter((r) => !r.appliedAt)
  if (!pending.length) return txn
  // A refund in another currency cannot be weighed against this sale: it counts for nothing.
  const slices = refunds.map((r) => ({
    refundId: r.id,
    amountMinor: r.currency === txn.currency ? r.amountMinor : 0,
    applied: !!r.appliedAt,
  }))
  let pointsReversed = txn.pointsReversed
  let shortfall = false
  for (const { refundId, owed } of owedPerRefund(txn.pointsAwarded, txn.totalMinor, slices)) {
    let taken = 0
    if (owed > 0) {
      const posted = await reverseEarnPart(tx, ctx.scope, {
        award: { referenceType: 'pos_txn', referenceId: txn.id },
        referenceType: 'pos_refund',
        referenceId: refundId,
        points: owed,
        now: ctx.now,
      })
      taken = posted ? -posted.entry.points : 0
    }
    if (taken < owed) shortfall = true
    pointsReversed += taken
    await markRefundApplied(tx, ctx.scope, refundId, { pointsReversed: taken, pointsShortfall: owed - taken }, ctx.now)
  }
  const refundedMinor = slices.reduce((s, r) => s + r.amountMinor, 0)
  const fully = refundedMinor >= txn.totalMinor
  return updateTransaction(
    tx,
    ctx.scope,
    txn.id,
    {
      refundedMinor,
      pointsReversed,
      state: fully ? 'reversed' : 'awarded',
      reason: shortfall ? 'refund_shortfall' : fully ? 'refunded' : txn.reason,
    },
    ctx.now,
  )
}
