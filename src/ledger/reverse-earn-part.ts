// Taking back an award (a refund): the whole award under its own reference, or part of it under
// the refund's reference, for partial and repeated refunds of one sale. Once per reference, and
// never more than the wallet still holds (points already redeemed are the merchant's cost,
// ADR 0009), so a balance cannot go negative.
import type { Db, Tx } from '../infra/db'
import { type TenantScope, withTenant } from '../infra/scope'
import { refundable } from './balance'
import { once, type Posted } from './earn'
import { explainEarnReversal } from './explain'
import { findEffect, lockWallet, lotsOfEntry } from './ledger.repo'
import { postDebit } from './record-entry'

export type ReversePartInput = {
  /** The award being reduced: the reference its earn entry was recorded under. */
  award: { referenceType: string; referenceId: string }
  /** This reversal's own effect key, e.g. ('pos_refund', refund id). */
  referenceType: string
  referenceId: string
  /** Points owed back (default: the whole award); the entry takes min(points, balance). */
  points?: number
  now?: Date
}

/** Null when there is no such award. `entry.points` is minus what was actually taken. */
export function reverseEarnPart(d: Db | Tx, scope: TenantScope, input: ReversePartInput): Promise<Posted | null> {
  const now = input.now ?? new Date()
  return withTenant(d, scope, async (tx) => {
    const award = await findEffect(tx, scope, 'earn', input.award.referenceType, input.award.referenceId)
    if (!award) return null
    return once(tx, [tx, scope, 'earn_reversal', input.referenceType, input.referenceId], async (sp) => {
      const wallet = await lockWallet(sp, scope, award.walletId)
      const owed = Math.min(input.points ?? award.points, award.points)
      const taken = refundable(wallet?.balance ?? 0, owed)
      const [ownLot] = await lotsOfEntry(sp, scope, award.id)
      return postDebit(sp, scope, {
        type: 'earn_reversal',
        walletId: award.walletId,
        points: taken,
        referenceType: input.referenceType,
        referenceId: input.referenceId,
        ruleVersionId: award.ruleVersionId,
        explanation: explainEarnReversal(taken, input.points ?? award.points),
        ...(ownLot ? { preferLotId: ownLot.id } : {}),
        now,
      })
    })
  })
}

/** The whole award recorded under this reference, taken back; null when there was none. */
export function reverseEarn(
  d: Db | Tx,
  scope: TenantScope,
  input: { referenceType: string; referenceId: string; now?: Date },
): Promise<Posted | null> {
  return reverseEarnPart(d, scope, {
    award: input,
    referenceType: input.referenceType,
    referenceId: input.referenceId,
    ...(input.now ? { now: input.now } : {}),
  })
}
