// from/to as the owner means them: whole days in the shop's own time zone, `to` inclusive.
import { wallTimeToInstant } from '../rules'
import type { Range } from './export-sources'

const DAY = /^\d{4}-\d{2}-\d{2}$/

export function exportRange(from: string | undefined, to: string | undefined, timeZone: string): Range | null {
  const start = from ? (DAY.test(from) ? wallTimeToInstant(`${from}T00:00`, timeZone) : null) : undefined
  let end: Date | null | undefined
  if (to) {
    if (!DAY.test(to)) return null
    const next = new Date(`${to}T00:00:00Z`)
    next.setUTCDate(next.getUTCDate() + 1)
    end = wallTimeToInstant(`${next.toISOString().slice(0, 10)}T00:00`, timeZone)
  }
  if (start === null || end === null) return null
  if (start && end && start >= end) return null
  return { ...(start && { from: start }), ...(end && { to: end }) }
}
