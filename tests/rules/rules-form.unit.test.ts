// The rule editor's form model: what a merchant types becomes a rule set, a stored rule set
// becomes the form again, and every schema message lands on the field that caused it.
import { describe, expect, test } from 'bun:test'
import { previewNotes, readDraft, readSale } from '../../src/http/routes/portal/rules-draft'
import { formFromBody } from '../../src/http/routes/portal/rules-form-from-body'
import { formFromRuleSet } from '../../src/http/routes/portal/rules-form-from-rule-set'
import { fieldNames } from '../../src/http/routes/portal/rules-form-messages'
import { draftFromForm } from '../../src/http/routes/portal/rules-form-to-draft'
import { defaultRuleSet, evaluate, parseRuleSet, wallTimeToInstant } from '../../src/rules'

const body = (extra: Record<string, string> = {}) => ({
  'spend.points': '2',
  'spend.per': '1.00',
  'redeem.code_ttl_minutes': '15',
  ...extra,
})

describe('rule form ⇄ rule set', () => {
  test('a stored rule set round-trips through the form unchanged', () => {
    const stored = parseRuleSet({
      schema_version: 1,
      currency: 'KWD',
      rules: [
        { kind: 'points_per_spend', config: { points: 3, per_minor_units: 1_500, include_tax: true } },
        { kind: 'min_spend', config: { min_minor_units: 2_250 } },
        { kind: 'earn_cap', config: { max_points: 500 } },
        { kind: 'visit_bonus', config: { points: 20, every_nth_visit: 5 } },
        {
          kind: 'redemption_limits',
          config: { min_points: 100, max_points: null, code_ttl_seconds: 1_800, points_expire_after_days: 365 },
        },
        {
          kind: 'campaign_multiplier',
          config: {
            name: 'Late night',
            multiplier: 1.5,
            starts_at: '2026-01-01T00:00',
            windows: [{ days: ['fri', 'sat'], start: '22:00', end: '02:00' }],
          },
        },
        {
          kind: 'campaign_bonus',
          config: { name: 'Launch', points: 50, starts_at: '2026-02-01T09:00', ends_at: '2026-03-01T00:00' },
        },
      ],
    })
    if (!stored.ok) throw new Error('fixture must parse')
    const form = formFromRuleSet(stored.value)
    expect(form.spend).toEqual({ points: '3', per: '1.500', include_tax: true, include_tip: false })
    expect(form.min_spend).toBe('2.250')
    expect(form.redeem).toEqual({ min_points: '100', max_points: '', code_ttl_minutes: '30', expire_days: '365' })
    const again = parseRuleSet(draftFromForm(form, 'KWD').input)
    expect(again.ok && again.value).toEqual(stored.value)
  })

  test('the api-v1 default shows as 1 point per 1.00 and 15-minute codes', () => {
    const form = formFromRuleSet(defaultRuleSet('USD'))
    expect(form.spend.points).toBe('1')
    expect(form.spend.per).toBe('1.00')
    expect(form.redeem.code_ttl_minutes).toBe('15')
    expect(form.campaigns).toEqual([])
  })

  test('schema messages land on the field that caused them, campaigns and windows included', () => {
    const draft = readDraft(
      body({
        'spend.points': '0',
        earn_cap: 'lots',
        'campaigns.0.name': 'Happy hour',
        'campaigns.0.type': 'multiplier',
        'campaigns.0.value': '1',
        'campaigns.0.starts_at': '2026-03-01T00:00',
        'campaigns.0.ends_at': '2026-02-01T00:00',
        'campaigns.0.windows.0.start': '17:00',
        'campaigns.0.windows.0.end': '17:00',
        'campaigns.0.windows.0.day_tue': '1',
      }),
      'USD',
    )
    expect(draft.ruleSet).toBeNull()
    expect(draft.errors).toEqual({
      'spend.points': 'Award at least 1 point',
      earn_cap: 'Enter a whole number',
      'campaigns.0.value': 'The multiplier must be more than 1',
      'campaigns.0.ends_at': 'End must be after start',
      'campaigns.0.windows.0.end': 'End time must differ from start time',
    })
    expect(draft.names).toContain('campaigns.0.windows.0.end')
  })

  test('removed and blank campaign rows never reach the draft; money is typed in currency units', () => {
    const draft = readDraft(
      body({
        'spend.per': '0.50',
        min_spend: '5',
        'campaigns.0.name': 'Gone',
        'campaigns.0.value': '9',
        'campaigns.0.remove': '1',
        'campaigns.1.name': '',
        base_version: '4',
      }),
      'USD',
    )
    expect(draft.errors).toEqual({})
    expect(draft.baseVersion).toBe(4)
    expect(draft.ruleSet!.rules.map((r) => r.kind)).toEqual(['points_per_spend', 'min_spend', 'redemption_limits'])
    expect(draft.ruleSet!.rules[0]!.config).toMatchObject({ per_minor_units: 50 })
    expect(draft.ruleSet!.rules[1]!.config).toEqual({ min_minor_units: 500 })
    expect(fieldNames(formFromBody(body({ 'campaigns.0.name': 'x' })))).toContain('campaigns.0.type')
  })

  test('an amount with more decimals than the currency allows is refused on its field', () => {
    expect(readDraft(body({ 'spend.per': '1.005' }), 'USD').errors).toEqual({
      'spend.per': 'Enter an amount like 1.00',
    })
    expect(readDraft(body({ 'spend.per': '100' }), 'JPY').ruleSet!.rules[0]!.config).toMatchObject({
      per_minor_units: 100,
    })
  })
})

describe('preview sale', () => {
  test('amounts in currency units, time in the shop zone; campaigns that did not apply are explained', () => {
    const read = readSale(
      { 'sale.amount': '23.40', 'sale.tax': '2.34', 'sale.at': '2026-03-10T18:30' },
      'USD',
      'America/New_York',
      new Date(0),
    )
    if ('errors' in read) throw new Error('sale must parse')
    expect(read.sale).toEqual({ currency: 'USD', subtotal: 2_340, tax: 234, total: 2_574 })
    expect(read.at.toISOString()).toBe('2026-03-10T22:30:00.000Z')
    const draft = readDraft(
      body({
        'campaigns.0.name': 'Weekend',
        'campaigns.0.value': '2',
        'campaigns.0.starts_at': '2026-01-01T00:00',
        'campaigns.0.windows.0.day_sat': '1',
        'campaigns.0.windows.0.start': '09:00',
        'campaigns.0.windows.0.end': '17:00',
      }),
      'USD',
    )
    const result = evaluate(draft.ruleSet!, read.sale, {
      now: read.at,
      timeZone: 'America/New_York',
      stats: { visitCount: 0 },
    })
    expect(previewNotes(result.trace)).toEqual(['“Weekend” did not apply: this time is outside its days or hours.'])
  })

  test('a missing or malformed amount is a message on that field', () => {
    expect(readSale({ 'sale.amount': '' }, 'USD', 'UTC', new Date(0))).toEqual({
      errors: { 'sale.amount': 'Enter the sale amount' },
    })
    expect(readSale({ 'sale.amount': '12,50' }, 'USD', 'UTC', new Date(0))).toEqual({
      errors: { 'sale.amount': 'Enter an amount like 23.40' },
    })
  })

  test('shop wall time → instant across DST and half-hour zones', () => {
    expect(wallTimeToInstant('2026-01-10T17:00', 'America/New_York')!.toISOString()).toBe('2026-01-10T22:00:00.000Z')
    expect(wallTimeToInstant('2026-07-10T17:00', 'America/New_York')!.toISOString()).toBe('2026-07-10T21:00:00.000Z')
    expect(wallTimeToInstant('2026-07-01T00:15', 'Asia/Kolkata')!.toISOString()).toBe('2026-06-30T18:45:00.000Z')
    expect(wallTimeToInstant('not a time', 'UTC')).toBeNull()
  })
})
