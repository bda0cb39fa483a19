// What a time-zone change does to the shop's campaigns, pure. Campaign dates and windows are
// wall time in the shop's zone (local-time.ts), so after a change "Fri 17:00–19:00" still
// reads 17:00–19:00 but means a different moment: the settings page lists each campaign that
// has not ended and how far it moves, before the owner saves.
import type { RuleSet } from './rule-set'
import { toLocalTime } from './local-time'
import { describeSchedule, type Schedule, whyInactive } from './schedule'
import { wallTimeToInstant } from './wall-time'

export type MovedCampaign = { name: string; schedule: string; running: boolean; shiftMinutes: number }

/** Minutes `timeZone` is ahead of UTC at `at`. */
function offsetMinutes(at: Date, timeZone: string): number {
  const local = wallTimeToInstant(toLocalTime(at, 'UTC').stamp, timeZone)!
  return Math.round((at.getTime() - local.getTime()) / 60_000)
}

/**
 * Campaigns not yet ended (in the current zone) and how their moments shift: a positive
 * shiftMinutes means they will happen that much earlier in absolute time. Empty when the two
 * zones agree right now.
 */
export function campaignsMovedByZone(ruleSet: RuleSet, from: string, to: string, now: Date): MovedCampaign[] {
  const shiftMinutes = offsetMinutes(now, to) - offsetMinutes(now, from)
  if (shiftMinutes === 0) return []
  const local = toLocalTime(now, from)
  const out: MovedCampaign[] = []
  for (const rule of ruleSet.rules) {
    if (rule.kind !== 'campaign_bonus' && rule.kind !== 'campaign_multiplier') continue
    const schedule = rule.config as Schedule
    const state = whyInactive(schedule, local)
    if (state === 'ended') continue
    out.push({ name: schedule.name, schedule: describeSchedule(schedule), running: state === null, shiftMinutes })
  }
  return out
}
