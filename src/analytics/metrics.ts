// Pure arithmetic of the programme analytics (definitions in ADR 0026): rates, the liability in
// money and the cohort retention table. No I/O; months are 'YYYY-MM' strings in the shop's zone.

/** n / d to four decimals; null when nothing was counted (0 of 0 is no rate, not 0 %). */
export const rate = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null)

/** Outstanding points at the shop's redemption value, in minor units (half up). */
export const liabilityMinor = (outstanding: number, valuePer100Points: number): number =>
  Math.round((outstanding * valuePer100Points) / 100)

/** The `count` local months ending with the one `now` falls in, oldest first. */
export function lastMonths(now: Date, timeZone: string, count: number): string[] {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number) as [number, number]
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1))
    return d.toISOString().slice(0, 7)
  })
}

export type CohortCell = { cohortMonth: string; month: string; members: number }
export type Cohort = {
  /** Month of the first visit. */
  month: string
  /** Members whose first visit was in that month. */
  members: number
  /** For each later month up to now: how many of them visited, and their share of the cohort. */
  retention: { month: string; offset: number; members: number; rate: number | null }[]
}

/** One cohort per month in `months` (each later month filled, zero where nobody came back). */
export function cohortTable(cells: CohortCell[], months: string[]): Cohort[] {
  const count = new Map(cells.map((c) => [`${c.cohortMonth}|${c.month}`, c.members]))
  return months.map((month, i) => {
    const size = count.get(`${month}|${month}`) ?? 0
    return {
      month,
      members: size,
      retention: months.slice(i + 1).map((later, k) => {
        const n = count.get(`${month}|${later}`) ?? 0
        return { month: later, offset: k + 1, members: n, rate: rate(n, size) }
      }),
    }
  })
}
