// A campaign's fields in the rule editor: name, kind, value, dates and its weekly time windows.
import type { CampaignForm, FormErrors, WindowForm } from '../../src/http/routes/portal/rules-form.model'
import { Check, errorSlotId, FieldError, Input, slug } from './rules-form-inputs'

const DAYS = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
] as const

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

export function CampaignFields(p: { index: number; campaign: CampaignForm; errors: FormErrors }) {
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
