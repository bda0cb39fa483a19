import type { PropsWithChildren } from '@kitajs/html'
import type { MovedCampaign } from '../../src/rules'
import type { ShopSettings } from '../../src/tenancy'
import { BaseLayout } from '../layouts/base'

export type PriorityChoice = 'phone,email' | 'email,phone' | 'phone' | 'email'

const CHOICES: { value: PriorityChoice; label: string; hint: string }[] = [
  { value: 'phone,email', label: 'Phone first, then email', hint: 'Recommended: most tills capture a phone number.' },
  {
    value: 'email,phone',
    label: 'Email first, then phone',
    hint: 'For online-first shops whose orders always carry an email.',
  },
  { value: 'phone', label: 'Phone only', hint: 'Emails on receipts are ignored for matching.' },
  { value: 'email', label: 'Email only', hint: 'Phone numbers on receipts are ignored for matching.' },
]

/** How a sale finds its member. Only the owner can change it; staff see it. */
export function IdentityForm(p: { current: PriorityChoice; canEdit: boolean; saved?: boolean | undefined }) {
  return (
    <form
      id="identity-form"
      method="post"
      action="/merchant/settings/identity"
      hx-post="/merchant/settings/identity"
      hx-target="this"
      hx-swap="outerHTML"
    >
      <fieldset disabled={!p.canEdit}>
        <legend>Matching a sale to a member</legend>
        <p class="muted small">
          When a sale carries both a phone number and an email that point to different members, nothing is awarded and
          the sale is flagged for you; this order decides which signal is tried first otherwise.
        </p>
        {CHOICES.map((c) => (
          <label class="choice">
            <input type="radio" name="priority" value={c.value} checked={c.value === p.current} />{' '}
            <span safe>{c.label}</span>
            <span class="muted small" safe>
              {` — ${c.hint}`}
            </span>
          </label>
        ))}
        {p.canEdit ? (
          <button type="submit">Save</button>
        ) : (
          <p class="muted small">Only the shop owner can change this.</p>
        )}
        {p.saved ? (
          <p class="alert alert-ok" role="status">
            Saved. New sales are matched this way from now on.
          </p>
        ) : (
          ''
        )}
      </fieldset>
    </form>
  )
}

export type ShopFormErrors = Partial<
  Record<
    | 'name'
    | 'time_zone'
    | 'currency'
    | 'brand_color'
    | 'logo_url'
    | 'contact_email'
    | 'redemption_value_per_100_points'
    | 'form',
    string
  >
>

const hours = (minutes: number) => {
  const h = Math.abs(minutes) / 60
  return `${Number.isInteger(h) ? h : h.toFixed(1)} hour${h === 1 ? '' : 's'}`
}

/** What the new zone does to the shop's campaigns; filled as the owner picks a zone. */
export function ZonePreview(p: { moved: MovedCampaign[]; to: string | null; saved?: boolean | undefined }) {
  if (!p.to || p.moved.length === 0) return <div id="zone-preview" aria-live="polite"></div>
  return (
    <div id="zone-preview" class="alert" aria-live="polite">
      <p safe>
        {p.saved
          ? `These campaigns now follow ${p.to} time:`
          : `Switching to ${p.to} moves these campaigns (their times stay as written, in the new zone):`}
      </p>
      <ul>
        {p.moved.map((m) => (
          <li data-campaign={m.name}>
            <strong safe>{m.name}</strong> <span class="muted small" safe>{`(${m.schedule})`}</span>{' '}
            <span
              safe
            >{`runs ${hours(m.shiftMinutes)} ${m.shiftMinutes > 0 ? 'earlier' : 'later'}${m.running ? ', and is running now' : ''}`}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}

function Field(p: PropsWithChildren<{ name: keyof ShopFormErrors; label: string; errors: ShopFormErrors }>) {
  return (
    <div class="field">
      <label for={`shop-${p.name}`} safe>
        {p.label}
      </label>
      {p.children}
      <p class="field-error" id={`shop-${p.name}-error`} safe>
        {p.errors[p.name] ?? ''}
      </p>
    </div>
  )
}

/** Name, zone, currency, branding and contact. Owner edits; staff read. */
export function ShopForm(p: {
  shop: ShopSettings
  canEdit: boolean
  errors: ShopFormErrors
  brand?: { css: string; className: string } | undefined
  saved?: { moved: MovedCampaign[] } | undefined
}) {
  const s = p.shop
  const e = p.errors
  return (
    <form
      id="shop-form"
      method="post"
      action="/merchant/settings/shop"
      hx-post="/merchant/settings/shop"
      hx-target="this"
      hx-swap="outerHTML"
      novalidate
    >
      <fieldset disabled={!p.canEdit}>
        <legend>Your shop</legend>
        <Field name="name" label="Shop name" errors={e}>
          <input id="shop-name" name="name" value={s.name} maxlength="120" required />
        </Field>
        <Field name="time_zone" label="Time zone (campaigns, daily charts and exports use it)" errors={e}>
          <input
            id="shop-time_zone"
            name="time_zone"
            value={s.time_zone}
            list="time-zones"
            autocomplete="off"
            spellcheck="false"
            hx-get="/merchant/settings/zone-preview"
            hx-include="this"
            hx-trigger="change"
            hx-target="#zone-preview"
            hx-swap="outerHTML"
          />
        </Field>
        <div id="zone-preview" aria-live="polite"></div>
        <Field name="currency" label="Currency" errors={e}>
          <input id="shop-currency" name="currency" value={s.currency} readonly aria-describedby="currency-hint" />
        </Field>
        <p class="muted small" id="currency-hint" safe>
          {`Your rules count points for sales in ${s.currency}; the currency changes together with the rules.`}
        </p>
        <Field name="brand_color" label="Brand colour (wallet card and redemption page)" errors={e}>
          <input
            id="shop-brand_color"
            name="brand_color"
            value={s.brand_color ?? ''}
            placeholder="#1a6b3c"
            pattern="#[0-9a-fA-F]{6}"
            maxlength="7"
          />
        </Field>
        {s.brand_color ? (
          <>
            {p.brand ? <link rel="stylesheet" href={p.brand.css} /> : ''}
            <p
              class={`card brand-sample ${p.brand?.className ?? ''}`}
              id="brand-sample"
              data-text={s.brand_text ?? ''}
              safe
            >
              {`${s.name}: text on your colour is shown in ${s.brand_text === '#ffffff' ? 'white' : 'black'} so it stays readable.`}
            </p>
          </>
        ) : (
          ''
        )}
        <Field name="logo_url" label="Logo address (https)" errors={e}>
          <input
            id="shop-logo_url"
            name="logo_url"
            type="url"
            value={s.logo_url ?? ''}
            placeholder="https://example.com/logo.png"
            maxlength="2048"
          />
        </Field>
        <Field name="contact_email" label="Contact email shown to your members" errors={e}>
          <input
            id="shop-contact_email"
            name="contact_email"
            type="email"
            value={s.contact_email ?? ''}
            maxlength="254"
          />
        </Field>
        <Field
          name="redemption_value_per_100_points"
          label={`What 100 points are worth, in cents of ${s.currency} (prices the points you owe on the overview)`}
          errors={e}
        >
          <input
            id="shop-redemption_value_per_100_points"
            name="redemption_value_per_100_points"
            type="number"
            min="0"
            max="1000000"
            step="1"
            inputmode="numeric"
            value={String(s.redemption_value_per_100_points)}
          />
        </Field>
        {p.canEdit ? (
          <button type="submit">Save shop settings</button>
        ) : (
          <p class="muted small">Only the shop owner can change these.</p>
        )}
        {e.form ? (
          <p class="alert alert-error" role="alert" safe>
            {e.form}
          </p>
        ) : (
          ''
        )}
        {p.saved ? (
          <div class="alert alert-ok" role="status" id="shop-saved">
            <p>Saved.</p>
            <ZonePreview moved={p.saved.moved} to={s.time_zone} saved />
          </div>
        ) : (
          ''
        )}
      </fieldset>
    </form>
  )
}

export function SettingsPage(p: {
  current: PriorityChoice
  canEdit: boolean
  csrfToken: string
  shop: ShopSettings
  brand?: { css: string; className: string } | undefined
  timeZones: readonly string[]
}) {
  return (
    <BaseLayout title="Settings" csrfToken={p.csrfToken}>
      <h1>Settings</h1>
      <section class="card">
        <ShopForm shop={p.shop} canEdit={p.canEdit} errors={{}} brand={p.brand} />
        <datalist id="time-zones">
          {p.timeZones.map((z) => (
            <option value={z} />
          ))}
        </datalist>
      </section>
      <section class="card">
        <IdentityForm current={p.current} canEdit={p.canEdit} />
      </section>
    </BaseLayout>
  )
}
