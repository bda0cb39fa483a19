// An unused code gives its points back: expired by time (job or sweeper) or cancelled by the
// consumer. The status flip is the lock; the reversal credits the same lots' expiry dates,
// so giving points back never extends or shortens their life.
import type { Db, Tx } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { explainRedeemReversal } from './explain'
import { allocationsOf, type Entry, findEffect } from './ledger.repo'
import { markFinished, overdueRedemptions } from './redemption.repo'
import { postCredit } from './record-entry'

export async function finishRedemption(
  tx: Tx,
  scope: TenantScope,
  input: { redemptionId: string; outcome: 'expired' | 'cancelled'; now: Date },
): Promise<Entry | null> {
  const r = await markFinished(tx, scope, input.redemptionId, input.outcome, input.now)
  if (!r) return null
  const taken = await findEffect(tx, scope, 'redeem', 'redemption', r.id)
  if (!taken) throw new Error('redemption without its redeem entry')
  const lots = await allocationsOf(tx, scope, taken.id)
  return postCredit(tx, scope, {
    type: 'redeem_reversal',
    walletId: r.walletId,
    points: r.points,
    referenceType: 'redemption',
    referenceId: r.id,
    explanation: explainRedeemReversal(r.points, input.outcome),
    lots: lots.length ? lots : [{ points: r.points, expiresAt: null }],
    now: input.now,
  })
}

/** The delayed job's work: a no-op when the code was used or already returned. */
export function expireRedemption(db: Db, scope: TenantScope, redemptionId: string, now: Date): Promise<Entry | null> {
  return inTenant(db, scope, (tx) => finishRedemption(tx, scope, { redemptionId, outcome: 'expired', now }))
}

/** The safety net for lost delayed jobs: every overdue issued code, batch by batch. */
export async function sweepRedemptions(db: Db, now: Date, batch = 200): Promise<number> {
  let returned = 0
  for (const r of await overdueRedemptions(db, now, batch)) {
    if (await expireRedemption(db, { tenantId: r.tenantId }, r.id, now)) returned++
  }
  return returned
}
