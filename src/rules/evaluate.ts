// evaluate(ruleSet, transaction, context) → { points, trace }. Pure: no I/O, no clock, no
// randomness; the same arguments always give the same answer, which lets the ledger store
// the trace and the portal replay history through a draft rule set.
import { DEFAULT_SPEND_BASIS, eligibleAmount } from './eligible-amount'
import type { Contribution, EarnInput } from './kind'
import { toLocalTime } from './local-time'
import { combineContributions } from './precedence'
import { definitionOf } from './registry'
import type { RuleSet } from './rule-set'
import type { Evaluation, TraceStep } from './trace'
import type { EvaluationContext, Transaction } from './transaction'

export function evaluate(ruleSet: RuleSet, transaction: Transaction, context: EvaluationContext): Evaluation {
  assertWholeMinorUnits(transaction)
  if (transaction.currency !== ruleSet.currency) {
    // Rates and thresholds are in the rule set's currency; converting is not our call.
    return finish(
      [
        {
          step: 'currency_mismatch',
          expected: ruleSet.currency,
          received: transaction.currency,
          amount: transaction.total,
        },
      ],
      0,
    )
  }

  const spendRule = ruleSet.rules.find((entry) => entry.kind === 'points_per_spend')
  const eligible = eligibleAmount(transaction, spendRule?.config ?? DEFAULT_SPEND_BASIS)
  const trace: TraceStep[] = [
    { step: 'eligible_amount', amount: eligible.amount, currency: ruleSet.currency, excluded: eligible.excluded },
  ]
  if (eligible.amount <= 0) {
    // Refunds earn nothing here; taking back what the sale earned is the ledger's reversal.
    trace.push({
      step: 'no_earn',
      reason: transaction.total < 0 ? 'refund' : 'nothing_spent',
      total: transaction.total,
    })
    return finish(trace, 0)
  }

  const input: EarnInput = {
    eligibleAmount: eligible.amount,
    currency: ruleSet.currency,
    local: toLocalTime(context.now, context.timeZone),
    stats: context.stats,
  }
  const contributions: Contribution[] = ruleSet.rules.flatMap((entry) => {
    const definition = definitionOf(entry)
    return definition.effect === 'earn' ? definition.apply(entry.config, input) : []
  })
  const { points, steps } = combineContributions(eligible.amount, contributions)
  return finish([...trace, ...steps], points)
}

function finish(trace: TraceStep[], points: number): Evaluation {
  return { points, trace: [...trace, { step: 'total', points }] }
}

// A float amount means an adapter forgot to convert to minor units: a bug, so it throws.
function assertWholeMinorUnits(transaction: Transaction): void {
  for (const key of ['total', 'subtotal', 'discount', 'tax', 'tip'] as const) {
    const value = transaction[key]
    if (value !== undefined && !Number.isSafeInteger(value)) {
      throw new RangeError(`transaction.${key} must be an integer in minor units`)
    }
  }
}
