// What a shop time-zone change does to its campaigns (settings preview): only campaigns that
// have not ended are named; the shift follows each zone's daylight time at that moment.
import { describe, expect, test } from 'bun:test'
import { campaignsMovedByZone, type RuleEntryInput } from '../../src/rules'
import { buildRuleSet } from './build-rule-set'

const campaign = (
  name: string,
  starts_at: string,
  ends_at: string | null,
  windows: { days: ('fri' | 'sat')[]; start: string; end: string }[] = [],
): RuleEntryInput => ({
  kind: 'campaign_bonus',
  config: { name, starts_at, ends_at, windows, points: 10 },
})
const rules = buildRuleSet('USD', [
  { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
  campaign('Friday evenings', '2026-01-01T00:00', null, [{ days: ['fri'], start: '17:00', end: '19:00' }]),
  campaign('Summer', '2026-06-01T00:00', '2026-09-01T00:00'),
  campaign('Next year', '2027-01-01T00:00', null),
])

describe('campaignsMovedByZone', () => {
  test('names running and future campaigns, not ended ones, with how far they move', () => {
    const moved = campaignsMovedByZone(rules, 'America/New_York', 'Europe/London', new Date('2026-11-29T12:00:00Z'))
    expect(moved).toEqual([
      {
        name: 'Friday evenings',
        schedule: 'from 2026-01-01 00:00, Fri 17:00–19:00',
        running: false,
        shiftMinutes: 300,
      },
      { name: 'Next year', schedule: 'from 2027-01-01 00:00', running: false, shiftMinutes: 300 },
    ])
  })

  test('a campaign running right now is flagged, and moving west makes it later', () => {
    const summer = campaignsMovedByZone(rules, 'Europe/Berlin', 'America/Los_Angeles', new Date('2026-07-10T12:00:00Z'))
    expect(summer.find((m) => m.name === 'Summer')).toEqual({
      name: 'Summer',
      schedule: '2026-06-01 00:00 to 2026-09-01 00:00',
      running: true,
      shiftMinutes: -540,
    })
  })

  test('daylight time counts: New York to London is 4 hours in late March, 5 in winter', () => {
    expect(
      campaignsMovedByZone(rules, 'America/New_York', 'Europe/London', new Date('2026-03-20T12:00:00Z'))[0]
        ?.shiftMinutes,
    ).toBe(240)
    expect(
      campaignsMovedByZone(rules, 'America/New_York', 'Europe/London', new Date('2026-01-20T12:00:00Z'))[0]
        ?.shiftMinutes,
    ).toBe(300)
  })

  test('zones that agree at the moment move nothing', () => {
    expect(campaignsMovedByZone(rules, 'Europe/London', 'Europe/London', new Date('2026-07-10T12:00:00Z'))).toEqual([])
    expect(campaignsMovedByZone(rules, 'UTC', 'Africa/Abidjan', new Date('2026-07-10T12:00:00Z'))).toEqual([])
  })
})
