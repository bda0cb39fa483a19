// When a campaign runs: a local date-time range plus optional weekly windows, all in the
// tenant's wall time (see local-time.ts for why wall time and not instants).
import { z } from 'zod'
import { type LocalTime, previousWeekday, WEEKDAYS, type Weekday } from './local-time'

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

function isRealDateTime(value: string): boolean {
  const m = LOCAL_DATE_TIME.exec(value)
  if (!m) return false
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number]
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [4, 6, 9, 11].includes(month) ? 30 : 31
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return isLeap ? 29 : 28
}

const localDateTime = z
  .string({ error: 'Enter a date and time like 2026-12-01T09:00' })
  .refine(isRealDateTime, { error: 'Enter a real date and time like 2026-12-01T09:00' })

const clockTime = z
  .string({ error: 'Enter a time like 17:30' })
  .regex(CLOCK_TIME, { error: 'Enter a 24-hour time like 17:30' })

export const windowSchema = z
  .strictObject({
    days: z
      .array(z.enum(WEEKDAYS, { error: `Days are ${WEEKDAYS.join(', ')}` }))
      .min(1, { error: 'Pick at least one day' })
      .refine((days) => new Set(days).size === days.length, { error: 'Each day may appear only once' }),
    /** Inclusive. */
    start: clockTime,
    /** Exclusive; earlier than start means the window runs past midnight into the next day. */
    end: clockTime,
  })
  .refine((w) => w.start !== w.end, { error: 'End time must differ from start time', path: ['end'] })

export type CampaignWindow = z.output<typeof windowSchema>

/** Fields every campaign kind shares; the kind adds what it awards. */
export const scheduleFields = {
  name: z.string({ error: 'Name the campaign' }).trim().min(1, { error: 'Name the campaign' }).max(60, {
    error: 'Keep the name under 60 characters',
  }),
  /** Local wall time in the tenant's zone, inclusive. */
  starts_at: localDateTime,
  /** Local wall time, exclusive; null runs the campaign until it is removed. */
  ends_at: localDateTime.nullable().default(null),
  /** Empty means all day, every day within the date range. */
  windows: z.array(windowSchema).max(14, { error: 'Use at most 14 windows' }).default([]),
}

export type Schedule = { name: string; starts_at: string; ends_at: string | null; windows: CampaignWindow[] }

/** Zod check for objects built from scheduleFields; the message lands on ends_at. */
export function endsAfterStart(schedule: Schedule): boolean {
  return schedule.ends_at === null || schedule.ends_at > schedule.starts_at
}
export const endsAfterStartIssue = { error: 'End must be after start', path: ['ends_at'] }

export type Inactivity = 'not_started' | 'ended' | 'outside_window'

/** null when the campaign runs at `local`, otherwise why it does not. */
export function whyInactive(schedule: Schedule, local: LocalTime): Inactivity | null {
  if (local.stamp < schedule.starts_at) return 'not_started'
  if (schedule.ends_at !== null && local.stamp >= schedule.ends_at) return 'ended'
  if (schedule.windows.length === 0) return null
  return schedule.windows.some((w) => isInWindow(w, local)) ? null : 'outside_window'
}

function minutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))
}

function isInWindow(window: CampaignWindow, local: LocalTime): boolean {
  const start = minutes(window.start)
  const end = minutes(window.end)
  const runsOn = (day: Weekday) => window.days.includes(day)
  if (start < end) return runsOn(local.weekday) && local.minuteOfDay >= start && local.minuteOfDay < end
  // Crosses midnight: the listed day is the day the window opens, so 01:00 on Saturday
  // belongs to a "Friday 22:00–02:00" window.
  return (
    (runsOn(local.weekday) && local.minuteOfDay >= start) ||
    (runsOn(previousWeekday(local.weekday)) && local.minuteOfDay < end)
  )
}

/** "Tue, Thu 17:00–19:00" for diffs and previews. */
export function describeSchedule(schedule: Schedule): string {
  const range = schedule.ends_at
    ? `${pretty(schedule.starts_at)} to ${pretty(schedule.ends_at)}`
    : `from ${pretty(schedule.starts_at)}`
  if (schedule.windows.length === 0) return range
  const windows = schedule.windows.map((w) => `${w.days.map(capitalise).join(', ')} ${w.start}–${w.end}`)
  return `${range}, ${windows.join('; ')}`
}

const pretty = (stamp: string) => stamp.replace('T', ' ')
const capitalise = (day: string) => day.charAt(0).toUpperCase() + day.slice(1)
