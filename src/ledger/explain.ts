// Plain-language sentences for ledger entries, written when the entry is recorded so the
// consumer later reads exactly why their balance moved. Pure: amounts and names come in.
import { formatPoints } from '../shared/points'
import type { EntryType } from './ledger.schema'

export const explainRedeem = (points: number, shop: string) =>
  `You turned ${formatPoints(points)} into a reward code at ${shop}`

export const explainRedeemReward = (points: number, reward: string, shop: string) =>
  `You turned ${formatPoints(points)} into a code for ${reward} at ${shop}`

export const explainRedeemReversal = (points: number, why: 'expired' | 'cancelled') =>
  why === 'expired'
    ? `Your reward code expired unused, so ${formatPoints(points)} came back`
    : `You cancelled your reward code, so ${formatPoints(points)} came back`

export function explainEarnReversal(taken: number, earned: number): string {
  if (taken === earned) return `A purchase was refunded, so its ${formatPoints(earned)} were taken back`
  return `A purchase was refunded: ${formatPoints(taken)} of its ${formatPoints(earned)} were taken back (the rest had already been used)`
}

export const explainAdjustment = (points: number) =>
  points >= 0
    ? `SalesArck support added ${formatPoints(points)} to correct your balance`
    : `SalesArck support removed ${formatPoints(-points)} to correct your balance`

export const explainShopAdjustment = (points: number, shop: string) =>
  points >= 0
    ? `${shop} added ${formatPoints(points)} to your balance`
    : `${shop} removed ${formatPoints(-points)} from your balance`

export const explainExpiry = (points: number) => `${formatPoints(points)} expired because they were not used in time`

/** Short labels for the entry type, for tables and badges. */
export const entryLabel: Record<EntryType, string> = {
  earn: 'Earned',
  redeem: 'Redeemed',
  redeem_reversal: 'Code returned',
  earn_reversal: 'Refund',
  adjustment: 'Correction',
  expiry: 'Expired',
  import: 'Brought over',
}
