// The programme analytics as the merchant views receive them (ADR 0026), and how they write its
// numbers: percentages, thousands and the shop's months.
import type { ProgrammeAnalytics } from '../../src/analytics'

/** The figures as programmeAnalytics computes them, with instants as ISO strings and money formatted. */
export type AnalyticsView = Omit<
  ProgrammeAnalytics,
  'windowStart' | 'asOf' | 'currency' | 'redemptionValuePer100Points' | 'liabilityMinor' | 'topMembers'
> & {
  asOf: string | null
  /** Formatted money, e.g. "$1,234.50", and what 100 points are worth, e.g. "$1.00". */
  liability: string
  valuePer100: string
  topMembers: { label: string; visits: number; pointsEarned: number; balance: number; lastVisit: string }[]
}

export const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`)
export const n = (v: number) => v.toLocaleString('en-US')
// One formatter for every label: Date#toLocaleString with options builds a new one per call
// (about 40 µs), and the cohort chart writes some 300 month labels (most of the overview's CPU).
const MONTH = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' })
export const monthName = (ym: string) => MONTH.format(new Date(`${ym}-01T00:00:00Z`))
