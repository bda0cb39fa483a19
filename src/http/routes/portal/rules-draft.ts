// Reading what the rule editor posted: the draft rule set (with every message placed on its
// field) and the hypothetical sale of the preview. Pure apart from the parse calls.
import {
  parseRuleSet,
  type RuleEntry,
  type RuleSet,
  type TraceStep,
  type Transaction,
  wallTimeToInstant,
} from '../../../rules'
import { toMinor } from '../../../shared/money'
import { formFromBody } from './rules-form-from-body'
import { fieldNames, formErrorsFrom } from './rules-form-messages'
import { type DraftResult, draftFromForm } from './rules-form-to-draft'
import type { FormErrors, RuleForm } from './rules-form.model'

export type PostedDraft = {
  form: RuleForm
  names: string[]
  errors: FormErrors
  ruleSet: RuleSet | null
  baseVersion: number | undefined
}

/** `carried`: active entries the editor does not show (the reward catalog), kept in the draft. */
export function readDraft(body: unknown, currency: string, carried: RuleEntry[] = []): PostedDraft {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const form = formFromBody(b)
  const draft: DraftResult = draftFromForm(form, currency, carried)
  const parsed = parseRuleSet(draft.input)
  // The form's own "not a number" messages are more precise than the schema's, so they win.
  const errors = { ...(parsed.ok ? {} : formErrorsFrom(draft.fields, parsed.error.fields)), ...draft.errors }
  const base = typeof b.base_version === 'string' && /^\d+$/.test(b.base_version) ? Number(b.base_version) : undefined
  const ok = parsed.ok && Object.keys(errors).length === 0
  return { form, names: fieldNames(form), errors, ruleSet: ok ? parsed.value : null, baseVersion: base }
}

export const SALE_FIELDS = ['sale.amount', 'sale.tax', 'sale.tip', 'sale.at', 'sale.tier_points']

/**
 * The preview's sale: amounts in currency units, the time in the shop's zone (empty = now), and
 * the customer's points in the tier window (empty = 0), which picks their tier.
 */
export function readSale(
  body: unknown,
  currency: string,
  timeZone: string,
  now: Date,
): { sale: Transaction; at: Date; tierPoints: number } | { errors: FormErrors } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const text = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '')
  const errors: FormErrors = {}
  const amount = (k: string, required: boolean): number | undefined => {
    if (!text(k)) {
      if (required) errors[k] = 'Enter the sale amount'
      return undefined
    }
    try {
      return toMinor(text(k), currency)
    } catch {
      errors[k] = 'Enter an amount like 23.40'
      return undefined
    }
  }
  const subtotal = amount('sale.amount', true)
  const tax = amount('sale.tax', false)
  const tip = amount('sale.tip', false)
  const at = text('sale.at') ? wallTimeToInstant(text('sale.at'), timeZone) : now
  if (!at) errors['sale.at'] = 'Pick a date and time'
  const tierPoints = text('sale.tier_points') ? Number(text('sale.tier_points')) : 0
  if (!/^\d{0,12}$/.test(text('sale.tier_points'))) errors['sale.tier_points'] = 'Enter a whole number of points'
  if (Object.keys(errors).length || subtotal === undefined || !at) return { errors }
  const sale: Transaction = { currency, subtotal, total: subtotal + (tax ?? 0) + (tip ?? 0) }
  if (tax !== undefined) sale.tax = tax
  if (tip !== undefined) sale.tip = tip
  return { sale, at, tierPoints }
}

const WHY: Record<string, string> = {
  not_started: 'it has not started yet',
  ended: 'it has ended',
  outside_window: 'this time is outside its days or hours',
}

/** What the merchant (not the customer) should know: campaigns that did not apply, and why. */
export function previewNotes(trace: TraceStep[]): string[] {
  return trace.flatMap((s) => {
    if (s.step === 'campaign_inactive') return [`“${s.campaign}” did not apply: ${WHY[s.reason] ?? s.reason}.`]
    if (s.step === 'tier') return [`Tier “${s.tier}” multiplied the spend points by ${s.factor_hundredths / 100}.`]
    if (s.step === 'multiplier_not_stacked')
      return [`“${s.campaign}” did not stack: only the highest multiplier (“${s.applied}”) applies.`]
    return []
  })
}
