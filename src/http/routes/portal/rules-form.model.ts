// The rule editor's form ⇄ the rule set. Merchants type money in currency units ("1.00") and
// minutes, never minor units or JSON; the rules module still does all the validating, and its
// messages (keyed by rule-set path) are moved back onto the form field that caused them.
import {
  type RuleEntry,
  type RuleEntryInput,
  type RuleSet,
  type RuleSetInput,
  WEEKDAYS,
  type Weekday,
} from '../../../rules'
import { currencyExponent, toMinor } from '../../../shared/money'

export type WindowForm = { days: Weekday[]; start: string; end: string }
export type CampaignForm = {
  name: string
  type: 'multiplier' | 'bonus'
  value: string
  starts_at: string
  ends_at: string
  windows: WindowForm[]
  /** Ticked "remove": kept in the form (its fields still exist on the page) but left out of the draft. */
  remove: boolean
}
export type RuleForm = {
  spend: { points: string; per: string; include_tax: boolean; include_tip: boolean }
  min_spend: string
  earn_cap: string
  visit: { points: string; every: string }
  birthday: string
  referral: { referrer_points: string; friend_points: string; monthly_cap: string }
  redeem: { min_points: string; max_points: string; code_ttl_minutes: string; expire_days: string }
  campaigns: CampaignForm[]
  /** Tier rows; empty rows are left out of the draft, so the page always offers a spare one. */
  tiers: { window_days: string; rows: TierForm[] }
}
export type TierForm = { name: string; threshold: string; multiplier: string }

/** Form field name → message. `_form` holds problems that belong to no single field. */
export type FormErrors = Record<string, string>
export const FORM_WIDE = '_form'

const blankTier = (): TierForm => ({ name: '', threshold: '', multiplier: '' })
/** At least three tier rows, and always one empty row to add a tier in. */
const padTiers = (rows: TierForm[]) => [...rows, ...Array.from({ length: Math.max(1, 3 - rows.length) }, blankTier)]
const isEmptyTier = (t: TierForm) => !t.name && !t.threshold && !t.multiplier

const blankWindow = (): WindowForm => ({ days: [], start: '', end: '' })
export const blankCampaign = (): CampaignForm => ({
  name: '',
  type: 'multiplier',
  value: '',
  starts_at: '',
  ends_at: '',
  windows: [blankWindow()],
  remove: false,
})

const major = (minor: number, currency: string) =>
  (minor / 10 ** currencyExponent(currency)).toFixed(currencyExponent(currency))
const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v))

export function formFromRuleSet(ruleSet: RuleSet): RuleForm {
  const form: RuleForm = {
    spend: { points: '', per: '', include_tax: false, include_tip: false },
    min_spend: '',
    earn_cap: '',
    visit: { points: '', every: '' },
    birthday: '',
    referral: { referrer_points: '', friend_points: '', monthly_cap: '' },
    redeem: { min_points: '', max_points: '', code_ttl_minutes: '15', expire_days: '' },
    campaigns: [],
    tiers: { window_days: '365', rows: padTiers([]) },
  }
  const c = ruleSet.currency
  for (const entry of ruleSet.rules) {
    if (entry.kind === 'points_per_spend') {
      const s = entry.config
      form.spend = {
        points: String(s.points),
        per: major(s.per_minor_units, c),
        include_tax: s.include_tax,
        include_tip: s.include_tip,
      }
    } else if (entry.kind === 'min_spend') form.min_spend = major(entry.config.min_minor_units, c)
    else if (entry.kind === 'earn_cap') form.earn_cap = String(entry.config.max_points)
    else if (entry.kind === 'visit_bonus')
      form.visit = { points: String(entry.config.points), every: String(entry.config.every_nth_visit) }
    else if (entry.kind === 'birthday_bonus') form.birthday = String(entry.config.points)
    else if (entry.kind === 'referral_bonus') {
      const r = entry.config
      form.referral = {
        referrer_points: String(r.referrer_points),
        friend_points: String(r.friend_points),
        monthly_cap: String(r.monthly_cap),
      }
    } else if (entry.kind === 'redemption_limits') {
      const r = entry.config
      form.redeem = {
        min_points: text(r.min_points),
        max_points: text(r.max_points),
        code_ttl_minutes: String(r.code_ttl_seconds / 60),
        expire_days: text(r.points_expire_after_days),
      }
    } else if (entry.kind === 'tiers') {
      const rows = entry.config.tiers.map((t) => ({
        name: t.name,
        threshold: String(t.threshold),
        multiplier: String(t.multiplier),
      }))
      form.tiers = { window_days: String(entry.config.window_days), rows: padTiers(rows) }
    } else if (entry.kind === 'rewards') {
      // Edited on the Rewards page; the draft carries the active catalog over unchanged.
    } else {
      const k = entry.config
      const windows = k.windows.map((w) => ({ days: [...w.days], start: w.start, end: w.end }))
      form.campaigns.push({
        name: k.name,
        type: entry.kind === 'campaign_multiplier' ? 'multiplier' : 'bonus',
        value: String(entry.kind === 'campaign_multiplier' ? entry.config.multiplier : entry.config.points),
        starts_at: k.starts_at,
        ends_at: k.ends_at ?? '',
        windows: windows.length ? windows : [blankWindow()],
        remove: false,
      })
    }
  }
  return form
}

type Body = Record<string, unknown>
const str = (b: Body, k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '')
const checked = (b: Body, k: string) => b[k] !== undefined && b[k] !== ''
const indices = (b: Body, pattern: RegExp) =>
  [
    ...new Set(
      Object.keys(b).flatMap((k) => (pattern.exec(k)?.[1] !== undefined ? [Number(pattern.exec(k)![1])] : [])),
    ),
  ].sort((x, y) => x - y)

/** Reads the posted form. Positions follow the page's field numbering, so messages find their field. */
export function formFromBody(b: Body): RuleForm {
  const campaigns = indices(b, /^campaigns\.(\d+)\./).map((i): CampaignForm => {
    const p = `campaigns.${i}`
    const windows = indices(b, new RegExp(`^campaigns\\.${i}\\.windows\\.(\\d+)\\.`)).map((j) => ({
      days: WEEKDAYS.filter((d) => checked(b, `${p}.windows.${j}.day_${d}`)),
      start: str(b, `${p}.windows.${j}.start`),
      end: str(b, `${p}.windows.${j}.end`),
    }))
    return {
      name: str(b, `${p}.name`),
      type: str(b, `${p}.type`) === 'bonus' ? 'bonus' : 'multiplier',
      value: str(b, `${p}.value`),
      starts_at: str(b, `${p}.starts_at`),
      ends_at: str(b, `${p}.ends_at`),
      windows: windows.length ? windows : [blankWindow()],
      remove: checked(b, `${p}.remove`),
    }
  })
  const tierRows = indices(b, /^tiers\.(\d+)\./).map((i) => ({
    name: str(b, `tiers.${i}.name`),
    threshold: str(b, `tiers.${i}.threshold`),
    multiplier: str(b, `tiers.${i}.multiplier`),
  }))
  return {
    spend: {
      points: str(b, 'spend.points'),
      per: str(b, 'spend.per'),
      include_tax: checked(b, 'spend.include_tax'),
      include_tip: checked(b, 'spend.include_tip'),
    },
    min_spend: str(b, 'min_spend'),
    earn_cap: str(b, 'earn_cap'),
    visit: { points: str(b, 'visit.points'), every: str(b, 'visit.every') },
    birthday: str(b, 'birthday'),
    referral: {
      referrer_points: str(b, 'referral.referrer_points'),
      friend_points: str(b, 'referral.friend_points'),
      monthly_cap: str(b, 'referral.monthly_cap'),
    },
    redeem: {
      min_points: str(b, 'redeem.min_points'),
      max_points: str(b, 'redeem.max_points'),
      code_ttl_minutes: str(b, 'redeem.code_ttl_minutes'),
      expire_days: str(b, 'redeem.expire_days'),
    },
    campaigns,
    tiers: { window_days: str(b, 'tiers.window_days'), rows: tierRows.length ? tierRows : padTiers([]) },
  }
}

/** Where each rule's messages land: the rule's index in the draft → config key → form field. */
type FieldMap = { kindField: string; config: Record<string, string> }[]

export type DraftResult = { input: RuleSetInput; errors: FormErrors; fields: FieldMap }

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

/** Every message slot the page has for this form, so one response can fill or clear them all. */
export function fieldNames(form: RuleForm): string[] {
  const names = [
    FORM_WIDE,
    'spend.points',
    'spend.per',
    'min_spend',
    'earn_cap',
    'visit.points',
    'visit.every',
    'birthday',
    'referral.referrer_points',
    'referral.friend_points',
    'referral.monthly_cap',
    'redeem.min_points',
    'redeem.max_points',
    'redeem.code_ttl_minutes',
    'redeem.expire_days',
  ]
  names.push('tiers.window_days')
  form.tiers.rows.forEach((_, i) => {
    names.push(`tiers.${i}.name`, `tiers.${i}.threshold`, `tiers.${i}.multiplier`)
  })
  form.campaigns.forEach((c, i) => {
    const p = `campaigns.${i}`
    names.push(`${p}.name`, `${p}.type`, `${p}.value`, `${p}.starts_at`, `${p}.ends_at`)
    c.windows.forEach((_, j) => {
      names.push(`${p}.windows.${j}.days`, `${p}.windows.${j}.start`, `${p}.windows.${j}.end`)
    })
  })
  return names
}

/** Rule-set path ("rules.3.config.windows.0.start") → the form field it came from. */
export function formErrorsFrom(fields: FieldMap, ruleSetErrors: Record<string, string>): FormErrors {
  const out: FormErrors = {}
  for (const [path, message] of Object.entries(ruleSetErrors)) {
    const m = /^rules\.(\d+)(?:\.(kind|config)(?:\.(.+))?)?$/.exec(path)
    const target = m ? fields[Number(m[1])] : undefined
    let field = FORM_WIDE
    if (target) field = m![2] === 'config' && m![3] ? (target.config[m![3]] ?? target.kindField) : target.kindField
    out[field] ??= message
  }
  return out
}
