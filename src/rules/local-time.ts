// Wall-clock time in the tenant's IANA zone, read through Intl so DST follows the tz database
// instead of a fixed offset. Campaign dates and windows are written in wall time, so they are
// compared in wall time: a 01:00–02:00 window matches twice on a fall-back night and lasts
// only the clock's hours on a spring-forward night, which is what a merchant's sign says.

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export type LocalTime = {
  /** "YYYY-MM-DDTHH:MM", comparable as a string with campaign start/end. */
  stamp: string
  weekday: Weekday
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number
}

// Building a DateTimeFormat is slow compared with using one; the cache holds no
// time-dependent state, so results stay a pure function of (instant, zone).
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Throws RangeError for an unknown zone: the tenant's zone is validated where it is stored. */
export function toLocalTime(now: Date, timeZone: string): LocalTime {
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date')
  const parts: Record<string, string> = {}
  for (const part of formatterFor(timeZone).formatToParts(now)) parts[part.type] = part.value
  const weekday = parts.weekday?.toLowerCase() as Weekday
  const hour = parts.hour ?? '00'
  const minute = parts.minute ?? '00'
  return {
    stamp: `${parts.year}-${parts.month}-${parts.day}T${hour}:${minute}`,
    weekday,
    minuteOfDay: Number(hour) * 60 + Number(minute),
  }
}

export function previousWeekday(day: Weekday): Weekday {
  const index = WEEKDAYS.indexOf(day)
  return WEEKDAYS[(index + 6) % 7] as Weekday
}
