// Where the rule editor's messages go: every message slot the page has, and a rule-set message
// moved onto the form field that caused it.
import { FORM_WIDE, type FormErrors, type RuleForm } from './rules-form.model'

/** Where each rule's messages land: the rule's index in the draft → config key → form field. */
export type FieldMap = { kindField: string; config: Record<string, string> }[]

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
