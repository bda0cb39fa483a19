// Balance maths, pure. The ledger is the truth; the wallet row is a projection of it.
import { err, ok, type Result } from '../shared/result'

export type Posting = { points: number }

/** The balance a sequence of entries implies. */
export const foldBalance = (entries: readonly Posting[]) => entries.reduce((s, e) => s + e.points, 0)

/** The balance after applying `delta`, refused when it would go below zero. */
export function nextBalance(balance: number, delta: number): Result<number, { shortBy: number }> {
  const next = balance + delta
  return next < 0 ? err({ shortBy: -next }) : ok(next)
}

/** How many points a refund can take back: never more than the wallet still holds. */
export const refundable = (balance: number, earned: number) => Math.max(0, Math.min(balance, earned))
