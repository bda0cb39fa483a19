// The posted rule editor form → the form model, every value trimmed text or a ticked box.
import { WEEKDAYS } from '../../../rules'
import { blankWindow, type CampaignForm, padTiers, type RuleForm } from './rules-form.model'

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
