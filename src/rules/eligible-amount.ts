// The amount that earns: after discounts, with tax and tip only when the spend rule includes
// them. When the POS reports a subtotal we build up from it, so charges we don't model
// (service fees, shipping) never earn; otherwise we take the total and remove what is excluded.
import type { Transaction } from './transaction'

export type SpendBasis = { include_tax: boolean; include_tip: boolean }

/** Used when a rule set has no points per spend rule but still gates on minimum spend. */
export const DEFAULT_SPEND_BASIS: SpendBasis = { include_tax: false, include_tip: false }

export type EligibleAmount = {
  amount: number
  /** Reported, non-zero amounts that were left out; the explanation mentions them. */
  excluded: Array<'tax' | 'tip'>
}

export function eligibleAmount(transaction: Transaction, basis: SpendBasis): EligibleAmount {
  const tax = transaction.tax ?? 0
  const tip = transaction.tip ?? 0
  const excluded: Array<'tax' | 'tip'> = []
  if (!basis.include_tax && tax > 0) excluded.push('tax')
  if (!basis.include_tip && tip > 0) excluded.push('tip')

  if (transaction.subtotal !== undefined) {
    const afterDiscount = transaction.subtotal - (transaction.discount ?? 0)
    const amount = afterDiscount + (basis.include_tax ? tax : 0) + (basis.include_tip ? tip : 0)
    return { amount, excluded }
  }
  const amount = transaction.total - (basis.include_tax ? 0 : tax) - (basis.include_tip ? 0 : tip)
  return { amount, excluded }
}
