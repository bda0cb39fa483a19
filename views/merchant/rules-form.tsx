// The rule editor form: earning, referrals, redeeming, tiers, campaigns, the sale to preview and
// the actions. The fields and their message slots are in rules-form-inputs.
import type { FormErrors, RuleForm } from '../../src/http/routes/portal/rules-form.model'
import { CampaignFields } from './rules-form-campaign'
import { Check, FieldError, Input } from './rules-form-inputs'
import { SaleFields } from './rules-form-sale'

export type RuleFormProps = {
  form: RuleForm
  errors: FormErrors
  currency: string
  baseVersion: number
  canPublish: boolean
}

/** The whole form; re-rendered only when campaigns are added or removed. */
export function RuleFormView(p: RuleFormProps) {
  const f = p.form
  const money = `in ${p.currency}, e.g. 1.00`
  return (
    <form id="rule-form" class="rule-form" hx-post="/merchant/rules/check" hx-trigger="change, submit" novalidate>
      <input type="hidden" name="base_version" value={String(p.baseVersion)} />
      <FieldError name="_form" errors={p.errors} />
      <fieldset class="card">
        <legend>Earning</legend>
        <div class="grid">
          <Input
            name="spend.points"
            label="Points"
            value={f.spend.points}
            errors={p.errors}
            hint="Leave both empty for a visits-only programme."
          />
          <Input
            name="spend.per"
            label="per spend of"
            value={f.spend.per}
            errors={p.errors}
            inputmode="decimal"
            hint={money}
          />
        </div>
        <Check name="spend.include_tax" label="Tax earns points" checked={f.spend.include_tax} />
        <Check name="spend.include_tip" label="Tips earn points" checked={f.spend.include_tip} />
        <div class="grid">
          <Input
            name="min_spend"
            label="Minimum spend to earn (optional)"
            value={f.min_spend}
            errors={p.errors}
            inputmode="decimal"
            hint={money}
          />
          <Input name="earn_cap" label="Most points per purchase (optional)" value={f.earn_cap} errors={p.errors} />
        </div>
        <div class="grid">
          <Input name="visit.points" label="Visit bonus points (optional)" value={f.visit.points} errors={p.errors} />
          <Input
            name="visit.every"
            label="Every nth visit"
            value={f.visit.every}
            errors={p.errors}
            hint="1 = every visit"
          />
          <Input
            name="birthday"
            label="Birthday gift points (optional)"
            value={f.birthday}
            errors={p.errors}
            hint="Once a year, on the member's birthday in the shop's time zone, for members who added one."
          />
        </div>
      </fieldset>
      <fieldset class="card">
        <legend>Referrals</legend>
        <div class="grid">
          <Input
            name="referral.referrer_points"
            label="Points for the member who invites"
            value={f.referral.referrer_points}
            errors={p.errors}
            hint="Leave the three empty for no referral programme."
          />
          <Input
            name="referral.friend_points"
            label="Points for the new member"
            value={f.referral.friend_points}
            errors={p.errors}
            hint="Both are given when the new member's first purchase earns points."
          />
          <Input
            name="referral.monthly_cap"
            label="Friends per member per month"
            value={f.referral.monthly_cap}
            errors={p.errors}
            hint="Empty = 10. Friends beyond it join without a bonus."
          />
        </div>
      </fieldset>
      <fieldset class="card">
        <legend>Redeeming and expiry</legend>
        <div class="grid">
          <Input
            name="redeem.min_points"
            label="Minimum points per redemption"
            value={f.redeem.min_points}
            errors={p.errors}
            hint="Empty = no minimum"
          />
          <Input
            name="redeem.max_points"
            label="Maximum points per redemption"
            value={f.redeem.max_points}
            errors={p.errors}
            hint="Empty = no maximum"
          />
          <Input
            name="redeem.code_ttl_minutes"
            label="Codes valid for (minutes)"
            value={f.redeem.code_ttl_minutes}
            errors={p.errors}
          />
          <Input
            name="redeem.expire_days"
            label="Points expire after (days, optional)"
            value={f.redeem.expire_days}
            errors={p.errors}
            hint="Empty = points never expire. At least 30 days."
          />
        </div>
      </fieldset>
      <fieldset class="card" id="tiers">
        <legend>Tiers (optional)</legend>
        <p class="muted small">
          A member reaches a tier by the points they earned in the window; its multiplier applies to their spend points
          from then on. Leave every row empty for no tiers.
        </p>
        <Input
          name="tiers.window_days"
          label="Window (days)"
          value={f.tiers.window_days}
          errors={p.errors}
          hint="e.g. 365 for points earned in the last 12 months"
        />
        {f.tiers.rows.map((t, i) => (
          <div class="grid">
            <Input
              name={`tiers.${i}.name`}
              label="Tier name"
              value={t.name}
              errors={p.errors}
              inputmode="text"
              placeholder="Silver"
            />
            <Input
              name={`tiers.${i}.threshold`}
              label="Points earned to reach it"
              value={t.threshold}
              errors={p.errors}
              placeholder="500"
            />
            <Input
              name={`tiers.${i}.multiplier`}
              label="Multiplier"
              value={t.multiplier}
              errors={p.errors}
              inputmode="decimal"
              placeholder="1.25"
            />
          </div>
        ))}
      </fieldset>
      <h2>Campaigns</h2>
      {f.campaigns.map((c, i) => (
        <CampaignFields index={i} campaign={c} errors={p.errors} />
      ))}
      <button
        type="button"
        class="secondary"
        id="add-campaign"
        hx-post="/merchant/rules/campaigns"
        hx-target="#rule-form"
        hx-swap="outerHTML"
      >
        Add a campaign
      </button>
      <SaleFields errors={p.errors} />
      <div class="actions">
        <button
          type="button"
          class="secondary"
          id="preview"
          hx-post="/merchant/rules/preview"
          hx-target="#preview-result"
        >
          Preview this sale
        </button>
        <button
          type="button"
          class="secondary"
          id="backtest"
          hx-post="/merchant/rules/backtests"
          hx-target="#backtest-result"
        >
          Back-test on the last 90 days
        </button>
        {p.canPublish ? (
          <button
            type="button"
            id="publish"
            hx-post="/merchant/rules/publish"
            hx-target="#publish-result"
            hx-confirm="Publish these rules? Every sale from now on earns points under them; past awards keep their rules."
          >
            Publish
          </button>
        ) : (
          <span class="muted small">Only the shop owner can publish.</span>
        )}
      </div>
    </form>
  )
}
