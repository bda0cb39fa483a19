// Refund arithmetic, pure. A refund takes back the share of the award that the refunded money
// was of the sale, rounded down, cumulatively: two half refunds take back exactly what one
// full refund would, and the last cent refunded takes the last point.

/** Points owed back once `refundedMinor` of `totalMinor` has been refunded in all. */
export function pointsOwedAfter(pointsAwarded: number, totalMinor: number, refundedMinor: number): number {
  if (pointsAwarded <= 0 || totalMinor <= 0 || refundedMinor <= 0) return 0
  if (refundedMinor >= totalMinor) return pointsAwarded
  return Math.floor((pointsAwarded * refundedMinor) / totalMinor)
}

export type RefundSlice = { refundId: string; amountMinor: number; applied: boolean }

/**
 * For each refund not yet applied, in order, the points its reversal owes: the cumulative
 * amount owed after it, minus what the refunds before it owed.
 */
export function owedPerRefund(
  pointsAwarded: number,
  totalMinor: number,
  refunds: readonly RefundSlice[],
): { refundId: string; owed: number }[] {
  const out: { refundId: string; owed: number }[] = []
  let refunded = 0
  let owedSoFar = 0
  for (const r of refunds) {
    refunded += r.amountMinor
    const cumulative = pointsOwedAfter(pointsAwarded, totalMinor, refunded)
    if (!r.applied) out.push({ refundId: r.refundId, owed: cumulative - owedSoFar })
    owedSoFar = cumulative
  }
  return out
}
