// Points are whole integers; anything that could produce a fraction rounds down before it gets here.
// Storage is 64-bit (bigint) but JSON numbers are only exact up to 2^53, so the two ceilings
// below keep every points value we store or serve exact (api-v1.md, "Points").
import { AppError } from './errors'

/** The most points one operation may move: an adjustment, a redemption. */
export const MAX_POINTS_PER_OPERATION = 1_000_000_000
/** The most one wallet may hold: 10^15, a factor 9 below Number.MAX_SAFE_INTEGER. */
export const MAX_BALANCE = 1_000_000_000_000_000

export const formatPoints = (n: number) => `${n.toLocaleString('en-US')} pt${Math.abs(n) === 1 ? '' : 's'}`

/**
 * The points of one requested operation: a whole number (400 otherwise) of at most
 * MAX_POINTS_PER_OPERATION either way (422 otherwise, a business limit rather than bad syntax).
 */
export function checkOperationPoints(n: number): number {
  if (!Number.isInteger(n))
    throw new AppError('validation_failed', 'Points must be a whole number', {
      fields: { points: 'must be a whole number' },
    })
  if (Math.abs(n) > MAX_POINTS_PER_OPERATION) {
    throw new AppError(
      'rule_violation',
      `One operation moves at most ${MAX_POINTS_PER_OPERATION.toLocaleString('en-US')} points`,
      { fields: { points: 'is above the maximum' } },
    )
  }
  return n
}
