// Part of an award taken back under its own reference (one per refund), for partial and
// repeated refunds of one sale. Same rules as reverseEarn: once per reference, and never more
// than the wallet still holds (points already redeemed are the merchant's cost, ADR 0009).
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
  /** Points owed back; the entry takes min(points, balance). */
  points: number
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
      const taken = refundable(wallet?.balance ?? 0, Math.min(input.points, award.points))
      const [ownLot] = await lotsOfEntry(sp, scope, award.id)
      return postDebit(sp, scope, {
        type: 'earn_reversal',
        walletId: award.walletId,
        points: taken,
        referenceType: input.referenceType,
        referenceId: input.referenceId,
        ruleVersionId: award.ruleVersionId,
        explanation: explainEarnReversal(taken, input.points),
        ...(ownLot ? { preferLotId: ownLot.id } : {}),
        now,
      })
    })
  })
}
