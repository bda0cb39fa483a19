// Local wall time → instant, for forms that ask "when" in the shop's own clock (the preview's
// hypothetical sale). The inverse of toLocalTime, found by correcting the UTC guess with the
// zone's offset at that guess; two passes settle DST edges.
import { toLocalTime } from './local-time'

const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

/**
 * null for a malformed stamp. A time skipped by spring-forward lands just past the gap; a
 * repeated fall-back time gives one of its two instants, which is all a preview needs.
 */
export function wallTimeToInstant(stamp: string, timeZone: string): Date | null {
  const m = STAMP.exec(stamp)
  if (!m) return null
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number]
  const wanted = Date.UTC(year, month - 1, day, hour, minute)
  if (Number.isNaN(wanted)) return null
  let guess = wanted
  for (let pass = 0; pass < 2; pass++) {
    const seen = Date.parse(`${toLocalTime(new Date(guess), timeZone).stamp}:00Z`)
    guess += wanted - seen
  }
  return new Date(guess)
}
