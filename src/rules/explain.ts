// Renders a trace as the sentence a consumer reads next to an award, e.g.
// "$23.40 → 23 pts × 2 Tuesday happy hour = 46 pts". Reads only the trace, so a stored trace
// explains an old award even after the rules have changed.
import { formatFactor, formatMoney, formatPoints, ordinal } from './format'
import type { TraceStep } from './trace'

type Step<T extends TraceStep['step']> = Extract<TraceStep, { step: T }>

const find = <T extends TraceStep['step']>(trace: TraceStep[], step: T): Step<T> | undefined =>
  trace.find((s): s is Step<T> => s.step === step)

export function explain(trace: TraceStep[]): string {
  const mismatch = find(trace, 'currency_mismatch')
  if (mismatch) {
    return `${formatMoney(mismatch.amount, mismatch.received)} → 0 pts (this program earns on ${mismatch.expected} purchases)`
  }
  const eligible = find(trace, 'eligible_amount')
  if (!eligible) throw new Error('trace has no eligible_amount step')
  const noEarn = find(trace, 'no_earn')
  if (noEarn?.reason === 'refund') return `Refund of ${formatMoney(-noEarn.total, eligible.currency)} → 0 pts`

  const amount = `${formatMoney(eligible.amount, eligible.currency)}${basisNote(eligible.excluded)}`
  const gate = find(trace, 'min_spend')
  if (gate && !gate.met) {
    return `${amount} is below the ${formatMoney(gate.minimum, eligible.currency)} minimum spend → 0 pts`
  }
  return `${amount} → ${describeEarning(trace)}`
}

/** "23 pts × 2 Happy hour + 10 pts visit bonus = 56 pts, capped at 50 pts" */
function describeEarning(trace: TraceStep[]): string {
  const base = find(trace, 'base')
  const multiplier = find(trace, 'multiplier')
  const tier = find(trace, 'tier')
  const additions: string[] = []
  let sum = 0
  for (const step of trace) {
    if (step.step === 'bonus') additions.push(`${formatPoints(step.points)} ${step.campaign}`)
    if (step.step === 'visit_bonus') additions.push(`${formatPoints(step.points)} ${visitLabel(step)}`)
    if (step.step === 'bonus' || step.step === 'visit_bonus') sum += step.points
  }

  let text = base ? formatPoints(base.points) : ''
  if (multiplier) text += ` × ${formatFactor(multiplier.factor_hundredths)} ${multiplier.campaign}`
  if (tier && base) text += ` × ${formatFactor(tier.factor_hundredths)} ${tier.tier}`
  if (additions.length > 0) text = [text, ...additions].filter(Boolean).join(' + ')
  if (!text) text = formatPoints(0)

  const spend = tier ? tier.points_after : multiplier ? multiplier.points_after : (base?.points ?? 0)
  const subtotal = spend + sum
  const terms = (base ? 1 : 0) + additions.length
  if (multiplier || tier || terms > 1) text += ` = ${formatPoints(subtotal)}`

  const cap = find(trace, 'cap')
  if (cap) text += `, capped at ${formatPoints(cap.max_points)}`
  return text
}

function visitLabel(step: Step<'visit_bonus'>): string {
  return step.every_nth_visit === 1 ? 'visit bonus' : `${ordinal(step.visit_number)}-visit bonus`
}

function basisNote(excluded: Array<'tax' | 'tip'>): string {
  return excluded.length === 0 ? '' : ` before ${excluded.join(' and ')}`
}
