import type { Children } from '@kitajs/html'
// The rule editor form. Every field has a message slot (id err-…) that the server fills or
// clears through <hx-partial> responses, so validation never re-renders what is being typed.
import type { CampaignForm, FormErrors, RuleForm, WindowForm } from '../../src/http/routes/portal/rules-form.model'

const DAYS = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
] as const

const slug = (name: string) => name.replaceAll('.', '-')
export const errorSlotId = (name: string) => `err-${slug(name)}`

export function FieldError(p: { name: string; errors: FormErrors }) {
  return (
    <p class="field-error" id={errorSlotId(p.name)} safe>
      {p.errors[p.name] ?? ''}
    </p>
  )
}

type InputProps = {
  name: string
  label: string
  value: string
  errors: FormErrors
  hint?: string
  type?: string
  inputmode?: string
  placeholder?: string
}

function Input(p: InputProps) {
  const id = `f-${slug(p.name)}`
  const invalid = p.errors[p.name] ? 'true' : 'false'
  return (
    <div>
      <label for={id} safe>
        {p.label}
      </label>
      <input
        id={id}
        name={p.name}
        value={p.value}
        type={p.type ?? 'text'}
        inputmode={p.inputmode ?? 'numeric'}
        placeholder={p.placeholder ?? ''}
        aria-invalid={invalid}
        aria-describedby={errorSlotId(p.name)}
        autocomplete="off"
      />
      {p.hint ? (
        <p class="muted small" safe>
          {p.hint}
        </p>
      ) : (
        ''
      )}
      <FieldError name={p.name} errors={p.errors} />
    </div>
  )
}

function Check(p: { name: string; label: string; checked: boolean }) {
  return (
    <label class="check">
      <input type="checkbox" name={p.name} value="1" checked={p.checked} /> <span safe>{p.label}</span>
    </label>
  )
}

function WindowFields(p: { prefix: string; window: WindowForm; errors: FormErrors }) {
  return (
    <div class="window">
      <fieldset class="days">
        <legend>Only on (optional)</legend>
        {DAYS.map(([day, label]) => (
          <Check name={`${p.prefix}.day_${day}`} label={label} checked={p.window.days.includes(day)} />
        ))}
      </fieldset>
      <FieldError name={`${p.prefix}.days`} errors={p.errors} />
      <div class="grid">
        <Input
          name={`${p.prefix}.start`}
          label="From (shop time)"
          value={p.window.start}
          errors={p.errors}
          type="time"
        />
        <Input
          name={`${p.prefix}.end`}
          label="Until"
          value={p.window.end}
          errors={p.errors}
          type="time"
          hint="Earlier than From runs past midnight."
        />
      </div>
    </div>
  )
}

function CampaignFields(p: { index: number; campaign: CampaignForm; errors: FormErrors }) {
  const prefix = `campaigns.${p.index}`
  const c = p.campaign
  return (
    <fieldset class="campaign card">
      <legend>
        {c.name ? (
          <>
            Campaign: <span safe>{c.name}</span>
          </>
        ) : (
          'New campaign'
        )}
      </legend>
      <div class="grid">
        <Input name={`${prefix}.name`} label="Name customers see" value={c.name} errors={p.errors} inputmode="text" />
        <div>
          <label for={`f-${slug(prefix)}-type`}>Kind</label>
          <select
            id={`f-${slug(prefix)}-type`}
            name={`${prefix}.type`}
            aria-describedby={errorSlotId(`${prefix}.type`)}
          >
            <option value="multiplier" selected={c.type === 'multiplier'}>
              Multiply spend points
            </option>
            <option value="bonus" selected={c.type === 'bonus'}>
              Fixed bonus points
            </option>
          </select>
          <FieldError name={`${prefix}.type`} errors={p.errors} />
        </div>
        <Input
          name={`${prefix}.value`}
          label="Multiplier or bonus points"
          value={c.value}
          errors={p.errors}
          inputmode="decimal"
          hint="e.g. 2 or 1.5 for a multiplier, 50 for a bonus"
        />
      </div>
      <div class="grid">
        <Input
          name={`${prefix}.starts_at`}
          label="Starts (shop time)"
          value={c.starts_at}
          errors={p.errors}
          type="datetime-local"
        />
        <Input
          name={`${prefix}.ends_at`}
          label="Ends (optional)"
          value={c.ends_at}
          errors={p.errors}
          type="datetime-local"
        />
      </div>
      {c.windows.map((w, j) => (
        <WindowFields prefix={`${prefix}.windows.${j}`} window={w} errors={p.errors} />
      ))}
      <Check name={`${prefix}.remove`} label="Remove this campaign" checked={c.remove} />
    </fieldset>
  )
}

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

/** The hypothetical sale for the preview; posted with the draft, never part of it. */
function SaleFields(p: { errors: FormErrors }) {
  return (
    <fieldset class="card">
      <legend>Try a sale</legend>
      <div class="grid">
        <Input
          name="sale.amount"
          label="Amount before tax and tip"
          value=""
          errors={p.errors}
          inputmode="decimal"
          placeholder="23.40"
        />
        <Input name="sale.tax" label="Tax (optional)" value="" errors={p.errors} inputmode="decimal" />
        <Input name="sale.tip" label="Tip (optional)" value="" errors={p.errors} inputmode="decimal" />
        <Input name="sale.at" label="When (shop time; empty = now)" value="" errors={p.errors} type="datetime-local" />
        <Input
          name="sale.tier_points"
          label="Customer's points in the tier window (optional)"
          value=""
          errors={p.errors}
          hint="Picks their tier; empty = 0"
        />
      </div>
    </fieldset>
  )
}

/** Fills or clears every message slot of the submitted form in one response. */
export function ErrorPartials(p: { names: string[]; errors: FormErrors }) {
  return (
    <>
      {p.names.map((name) => (
        <hx-partial hx-target={`#${errorSlotId(name)}`} safe>
          {p.errors[name] ?? ''}
        </hx-partial>
      ))}
    </>
  )
}

/**
 * An editor action's whole answer: every message slot of the draft plus the action's result.
 * Only partials, no wrapper, so htmx leaves the requesting element's own target alone.
 */
export function DraftAnswer(p: { names: string[]; errors: FormErrors; target: string; body: Children }) {
  return (
    <>
      <ErrorPartials names={p.names} errors={p.errors} />
      <hx-partial hx-target={p.target}>{p.body}</hx-partial>
    </>
  )
}
