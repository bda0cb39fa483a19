// What the rule engine needs from a sale. POS adapters normalise into this; the merchant
// preview parses it from a form. Amounts are integer minor units of `currency`.
import { z } from 'zod'

// Any sign is accepted: refunds arrive with negative totals and often negative tax too.
const minor = z.number({ error: 'Enter an amount in minor units' }).int({ error: 'Amounts are whole minor units' })

export const transactionSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'Use a 3-letter ISO currency code' }),
  /** What the customer paid: subtotal − discount + tax + tip. Negative for refunds. */
  total: minor,
  /** Before discounts, tax and tip. When present it anchors the earn basis (see docs/rules-precedence.md). */
  subtotal: minor.optional(),
  discount: minor.optional(),
  /** Only when the POS reports them; absent means "not reported", not zero. */
  tax: minor.optional(),
  tip: minor.optional(),
})

export type Transaction = z.output<typeof transactionSchema>

/** Facts about the member the shell loads before calling evaluate. */
export type MemberStats = {
  /** Visits already recorded for this member, not counting the transaction being evaluated. */
  visitCount: number
  /**
   * Points the member earned in the tier window before this sale (earn entries minus their
   * reversals). The tiers rule turns it into the member's tier; absent = 0, the lowest.
   */
  tierPoints?: number
}

export type EvaluationContext = {
  /** When the sale happened; evaluate never reads the clock. */
  now: Date
  /** The tenant's IANA zone, e.g. "America/New_York"; campaign times are wall time there. */
  timeZone: string
  stats: MemberStats
}
