// THE precedence rules, in one function, in the order docs/rules-precedence.md lists them:
//   gate on minimum spend → base spend points → highest multiplier → member's tier
//   → fixed campaign bonuses → visit bonus → per-purchase cap on the sum.
// Kinds report contributions; only this file decides how they combine.
import type { Contribution } from './kind'
import type { TraceStep } from './trace'

type Of<T extends Contribution['type']> = Extract<Contribution, { type: T }>

const only = <T extends Contribution['type']>(contributions: Contribution[], type: T): Of<T>[] =>
  contributions.filter((c): c is Of<T> => c.type === type)

export function combineContributions(
  eligibleAmount: number,
  contributions: Contribution[],
): { points: number; steps: TraceStep[] } {
  const steps: TraceStep[] = []

  // 1. Minimum spend gates the whole purchase: below it, bonuses are not earned either.
  const gate = only(contributions, 'min_spend')[0]
  if (gate) {
    const met = eligibleAmount >= gate.minimum
    steps.push({ step: 'min_spend', minimum: gate.minimum, met })
    if (!met) return { points: 0, steps }
  }

  // 2. Base spend points (already floored by the spend rule).
  const base = only(contributions, 'base')[0]
  let points = base?.points ?? 0
  if (base) {
    steps.push({
      step: 'base',
      points: base.points,
      rate_points: base.rate_points,
      rate_per_minor_units: base.rate_per_minor_units,
    })
  }

  for (const inactive of only(contributions, 'inactive')) {
    steps.push({ step: 'campaign_inactive', campaign: inactive.campaign, reason: inactive.reason })
  }

  // 3. Multipliers never stack: the highest applies to base points only; a tie goes to the
  //    campaign listed first (sort is stable). Product-stacking is how promos blow budgets.
  const [best, ...others] = only(contributions, 'multiplier').sort((a, b) => b.factor_hundredths - a.factor_hundredths)
  if (best) {
    const multiplied = Math.floor((points * best.factor_hundredths) / 100)
    steps.push({
      step: 'multiplier',
      campaign: best.campaign,
      factor_hundredths: best.factor_hundredths,
      points_before: points,
      points_after: multiplied,
    })
    points = multiplied
    for (const other of others) {
      steps.push({
        step: 'multiplier_not_stacked',
        campaign: other.campaign,
        factor_hundredths: other.factor_hundredths,
        applied: best.campaign,
      })
    }
  }

  // 3b. The tier is status, not a promotion: it multiplies the spend points a campaign left,
  //     so a Silver member still earns more than a newcomer during double points. Bonuses stay
  //     unmultiplied and the cap still bounds the sum (ADR 0023).
  const tier = only(contributions, 'tier')[0]
  if (tier) {
    const multiplied = Math.floor((points * tier.factor_hundredths) / 100)
    steps.push({
      step: 'tier',
      tier: tier.tier,
      factor_hundredths: tier.factor_hundredths,
      points_before: points,
      points_after: multiplied,
    })
    points = multiplied
  }

  // 4. Fixed bonuses from every running campaign add, unmultiplied.
  for (const bonus of only(contributions, 'bonus')) {
    steps.push({ step: 'bonus', campaign: bonus.campaign, points: bonus.points })
    points += bonus.points
  }

  // 5. Visit bonus adds, unmultiplied.
  const visit = only(contributions, 'visit_bonus')[0]
  if (visit) {
    steps.push({
      step: 'visit_bonus',
      points: visit.points,
      visit_number: visit.visit_number,
      every_nth_visit: visit.every_nth_visit,
    })
    points += visit.points
  }

  // 6. The cap bounds everything the purchase earns, bonuses included.
  const cap = only(contributions, 'cap')[0]
  if (cap && points > cap.max_points) {
    steps.push({ step: 'cap', max_points: cap.max_points, points_before: points })
    points = cap.max_points
  }

  return { points, steps }
}
