// The rule editor's form as the page holds it: text as typed (money in currency units, minutes,
// never minor units or JSON) and blank rows to type into. The rules-form-* files beside it turn
// it into a rule set and back; the rules module still does all the validating.
import type { Weekday } from '../../../rules'
import { currencyExponent } from '../../../shared/money'

export type WindowForm = { days: Weekday[]; start: string; end: string }
export type CampaignForm = {
  name: string
  type: 'multiplier' | 'bonus'
  value: string
  starts_at: string
  ends_at: string
  windows: WindowForm[]
  /** Ticked "remove": kept in the form (its fields still exist on the page) but left out of the draft. */
  remove: boolean
}
export type RuleForm = {
  spend: { points: string; per: string; include_tax: boolean; include_tip: boolean }
  min_spend: string
  earn_cap: string
  visit: { points: string; every: string }
  birthday: string
  referral: { referrer_points: string; friend_points: string; monthly_cap: string }
  redeem: { min_points: string; max_points: string; code_ttl_minutes: string; expire_days: string }
  campaigns: CampaignForm[]
  /** Tier rows; empty rows are left out of the draft, so the page always offers a spare one. */
  tiers: { window_days: string; rows: TierForm[] }
}
export type TierForm = { name: string; threshold: string; multiplier: string }

/** Form field name → message. `_form` holds problems that belong to no single field. */
export type FormErrors = Record<string, string>
export const FORM_WIDE = '_form'

const blankTier = (): TierForm => ({ name: '', threshold: '', multiplier: '' })
/** At least three tier rows, and always one empty row to add a tier in. */
export const padTiers = (rows: TierForm[]) => [
  ...rows,
  ...Array.from({ length: Math.max(1, 3 - rows.length) }, blankTier),
]

export const blankWindow = (): WindowForm => ({ days: [], start: '', end: '' })
export const blankCampaign = (): CampaignForm => ({
  name: '',
  type: 'multiplier',
  value: '',
  starts_at: '',
  ends_at: '',
  windows: [blankWindow()],
  remove: false,
})

/** Minor units → the amount as a merchant types it, e.g. 150 USD cents → "1.50". */
export const major = (minor: number, currency: string) =>
  (minor / 10 ** currencyExponent(currency)).toFixed(currencyExponent(currency))
