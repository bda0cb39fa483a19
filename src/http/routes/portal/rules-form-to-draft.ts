// The rule editor's form → rule-set input, remembering which form field each rule's values came
// from so that the rules module's messages can be placed back on them (rules-form-messages).
import type { RuleEntry, RuleEntryInput, RuleSetInput } from '../../../rules'
import { currencyExponent, toMinor } from '../../../shared/money'
import type { FieldMap } from './rules-form-messages'
import {
  type CampaignForm,
  FORM_WIDE,
  type FormErrors,
  major,
  type RuleForm,
  type TierForm,
  type WindowForm,
} from './rules-form.model'

export type DraftResult = { input: RuleSetInput; errors: FormErrors; fields: FieldMap }

const isEmptyTier = (t: TierForm) => !t.name && !t.threshold && !t.multiplier
const isEmptyCampaign = (c: CampaignForm) =>
  !c.name && !c.value && !c.starts_at && !c.ends_at && c.windows.every(isEmptyWindow)
const isEmptyWindow = (w: WindowForm) => w.days.length === 0 && !w.start && !w.end

/**
 * Form → rule-set input. Text that is not a number at all is caught here (the schema would only
 * say "expected a number"); ranges and cross-field rules are the rules module's to judge.
 * `carried` are active entries this form does not edit (the reward catalog), kept as they are.
 */
export function draftFromForm(form: RuleForm, currency: string, carried: RuleEntry[] = []): DraftResult {
  const errors: FormErrors = {}
  const rules: RuleEntryInput[] = []
  const fields: FieldMap = []
  const whole = (value: string, field: string): number => {
    if (/^-?\d+$/.test(value)) return Number(value)
    errors[field] ??= 'Enter a whole number'
    return Number.NaN
  }
  const money = (value: string, field: string): number => {
    try {
      return toMinor(value, currency)
    } catch {
      errors[field] ??= `Enter an amount like ${major(10 ** currencyExponent(currency), currency)}`
      return Number.NaN
    }
  }
  const add = (entry: RuleEntryInput, kindField: string, config: Record<string, string>) => {
    rules.push(entry)
    fields.push({ kindField, config })
  }

  const s = form.spend
  if (s.points || s.per) {
    add(
      {
        kind: 'points_per_spend',
        config: {
          points: whole(s.points, 'spend.points'),
          per_minor_units: money(s.per, 'spend.per'),
          include_tax: s.include_tax,
          include_tip: s.include_tip,
        },
      },
      'spend.points',
      {
        points: 'spend.points',
        per_minor_units: 'spend.per',
        include_tax: 'spend.include_tax',
        include_tip: 'spend.include_tip',
      },
    )
  }
  if (form.min_spend)
    add({ kind: 'min_spend', config: { min_minor_units: money(form.min_spend, 'min_spend') } }, 'min_spend', {
      min_minor_units: 'min_spend',
    })
  if (form.earn_cap)
    add({ kind: 'earn_cap', config: { max_points: whole(form.earn_cap, 'earn_cap') } }, 'earn_cap', {
      max_points: 'earn_cap',
    })
  if (form.visit.points) {
    const every = form.visit.every ? whole(form.visit.every, 'visit.every') : 1
    add(
      { kind: 'visit_bonus', config: { points: whole(form.visit.points, 'visit.points'), every_nth_visit: every } },
      'visit.points',
      {
        points: 'visit.points',
        every_nth_visit: 'visit.every',
      },
    )
  }
  if (form.birthday)
    add({ kind: 'birthday_bonus', config: { points: whole(form.birthday, 'birthday') } }, 'birthday', {
      points: 'birthday',
    })
  const f = form.referral
  if (f.referrer_points || f.friend_points || f.monthly_cap) {
    // An empty cap is the usual 10 friends a month; empty points are named by the rules module.
    const points = (value: string, field: string) => (value ? whole(value, field) : Number.NaN)
    add(
      {
        kind: 'referral_bonus',
        config: {
          referrer_points: points(f.referrer_points, 'referral.referrer_points'),
          friend_points: points(f.friend_points, 'referral.friend_points'),
          monthly_cap: f.monthly_cap ? whole(f.monthly_cap, 'referral.monthly_cap') : 10,
        },
      },
      'referral.referrer_points',
      {
        referrer_points: 'referral.referrer_points',
        friend_points: 'referral.friend_points',
        monthly_cap: 'referral.monthly_cap',
      },
    )
  }
  const r = form.redeem
  add(
    {
      kind: 'redemption_limits',
      config: {
        min_points: r.min_points ? whole(r.min_points, 'redeem.min_points') : null,
        max_points: r.max_points ? whole(r.max_points, 'redeem.max_points') : null,
        code_ttl_seconds: whole(r.code_ttl_minutes || '15', 'redeem.code_ttl_minutes') * 60,
        points_expire_after_days: r.expire_days ? whole(r.expire_days, 'redeem.expire_days') : null,
      },
    },
    'redeem.code_ttl_minutes',
    {
      min_points: 'redeem.min_points',
      max_points: 'redeem.max_points',
      code_ttl_seconds: 'redeem.code_ttl_minutes',
      points_expire_after_days: 'redeem.expire_days',
    },
  )
  form.campaigns.forEach((c, i) => {
    if (c.remove || isEmptyCampaign(c)) return
    const p = `campaigns.${i}`
    const windows = c.windows
      .filter((w) => !isEmptyWindow(w))
      .map((w) => ({ days: w.days, start: w.start, end: w.end }))
    const schedule = { name: c.name, starts_at: c.starts_at, ends_at: c.ends_at || null, windows }
    const map: Record<string, string> = {
      name: `${p}.name`,
      starts_at: `${p}.starts_at`,
      ends_at: `${p}.ends_at`,
      multiplier: `${p}.value`,
      points: `${p}.value`,
    }
    // Windows are renumbered after empty ones are dropped; map each back to its own row.
    c.windows
      .flatMap((w, j) => (isEmptyWindow(w) ? [] : [j]))
      .forEach((j, k) => {
        for (const key of ['days', 'start', 'end']) map[`windows.${k}.${key}`] = `${p}.windows.${j}.${key}`
      })
    if (c.type === 'multiplier') {
      const factor = /^\d+(\.\d+)?$/.test(c.value) ? Number(c.value) : Number.NaN
      if (Number.isNaN(factor)) errors[`${p}.value`] ??= 'Enter a multiplier such as 2 or 1.5'
      add({ kind: 'campaign_multiplier', config: { ...schedule, multiplier: factor } }, `${p}.type`, map)
    } else {
      add({ kind: 'campaign_bonus', config: { ...schedule, points: whole(c.value, `${p}.value`) } }, `${p}.type`, map)
    }
  })
  const tierRows = form.tiers.rows.flatMap((t, i) => (isEmptyTier(t) ? [] : [{ t, i }]))
  if (tierRows.length) {
    const map: Record<string, string> = { window_days: 'tiers.window_days', tiers: 'tiers.0.name' }
    tierRows.forEach(({ i }, k) => {
      for (const key of ['name', 'threshold', 'multiplier']) map[`tiers.${k}.${key}`] = `tiers.${i}.${key}`
    })
    const config = {
      window_days: whole(form.tiers.window_days || '365', 'tiers.window_days'),
      tiers: tierRows.map(({ t, i }) => {
        const factor = /^\d+(\.\d+)?$/.test(t.multiplier) ? Number(t.multiplier) : Number.NaN
        if (Number.isNaN(factor)) errors[`tiers.${i}.multiplier`] ??= 'Enter a multiplier such as 1.25'
        return { name: t.name, threshold: whole(t.threshold, `tiers.${i}.threshold`), multiplier: factor }
      }),
    }
    add({ kind: 'tiers', config }, 'tiers.window_days', map)
  }
  for (const entry of carried) add(entry, FORM_WIDE, {})
  return { input: { schema_version: 1, currency, rules }, errors, fields }
}
