// The structured record of how points were reached. Stored with each award so the ledger can
// explain it later, and rendered for people by explain.ts.
import type { Inactivity } from './schedule'

export type TraceStep =
  | { step: 'currency_mismatch'; expected: string; received: string; amount: number }
  /** The amount that earns: after discounts, without tax or tip unless the rule includes them. */
  | { step: 'eligible_amount'; amount: number; currency: string; excluded: Array<'tax' | 'tip'> }
  | { step: 'no_earn'; reason: 'refund' | 'nothing_spent'; total: number }
  | { step: 'min_spend'; minimum: number; met: boolean }
  | { step: 'base'; points: number; rate_points: number; rate_per_minor_units: number }
  | { step: 'campaign_inactive'; campaign: string; reason: Inactivity }
  /** factor_hundredths keeps the factor exact: 150 is ×1.5. */
  | { step: 'multiplier'; campaign: string; factor_hundredths: number; points_before: number; points_after: number }
  /** An active multiplier that lost to a higher one; multipliers never stack. */
  | { step: 'multiplier_not_stacked'; campaign: string; factor_hundredths: number; applied: string }
  /** The member's tier multiplied the spend points (after any campaign multiplier). */
  | { step: 'tier'; tier: string; factor_hundredths: number; points_before: number; points_after: number }
  | { step: 'bonus'; campaign: string; points: number }
  | { step: 'visit_bonus'; points: number; visit_number: number; every_nth_visit: number }
  | { step: 'cap'; max_points: number; points_before: number }
  | { step: 'total'; points: number }

export type Evaluation = { points: number; trace: TraceStep[] }
