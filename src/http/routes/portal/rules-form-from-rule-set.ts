// A stored rule set → the rule editor's form, money back in currency units.
import type { RuleSet } from '../../../rules'
import { blankWindow, major, padTiers, type RuleForm } from './rules-form.model'

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
