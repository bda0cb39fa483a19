import { type Chrome, PortalLayout } from '../auth/account'

export type TenantRow = { id: string; name: string; slug: string; status: string; currency: string }
type FieldErrors = Record<string, string>
export type CreateTenantValues = { name?: string; slug?: string; owner_email?: string; currency?: string }

const STATUS_WORDS: Record<string, string> = { active: 'Active', suspended: 'Suspended' }

/** What each field needs, said as what to do (the domain's messages name the rule, not the fix). */
const FIELD_HELP: Record<string, string> = {
  name: 'Enter the shop’s name as customers know it.',
  slug: 'Use lowercase letters, digits and dashes, e.g. brew-house.',
  owner_email: 'Enter the owner’s email address, e.g. owner@shop.com.',
  currency: 'Enter a 3-letter currency code, e.g. USD or EUR.',
}
const TAKEN_HELP: Record<string, string> = { slug: 'That slug is taken: choose another, e.g. add the city.' }

function FieldError(p: { name: string; errors?: FieldErrors | undefined }) {
  const raw = p.errors?.[p.name]
  const msg = raw
    ? ((raw.includes('already in use') ? TAKEN_HELP[p.name] : undefined) ??
      (raw === 'is not supported'
        ? 'That currency is not supported yet: use USD, EUR, GBP or another supported code.'
        : FIELD_HELP[p.name]) ??
      raw)
    : undefined
  return msg ? (
    <p class="field-error" id={`${p.name}-error`} role="alert" safe>
      {msg}
    </p>
  ) : (
    ''
  )
}

/** One row; suspend/reinstate swap just this row, with an inline error when the reason is missing. */
export function TenantRowView(p: { t: TenantRow; error?: string | undefined }) {
  const { t } = p
  const suspend = t.status === 'active'
  const action = `/admin/tenants/${encodeURIComponent(t.id)}/${suspend ? 'suspend' : 'reinstate'}`
  return (
    <tr id={`tenant-${t.id}`}>
      <td>
        <strong safe>{t.name}</strong>
        <br />
        <code class="small" safe>
          {t.slug}
        </code>
      </td>
      <td>
        <span class={`badge ${suspend ? 'ok' : 'err'}`} safe>
          {STATUS_WORDS[t.status] ?? t.status}
        </span>
      </td>
      <td safe>{t.currency}</td>
      <td>
        <form method="post" action={action} hx-post={action} hx-target={`#tenant-${t.id}`} hx-swap="outerHTML">
          <input
            name="reason"
            placeholder="Reason (required)"
            aria-label={`Reason for ${suspend ? 'suspending' : 'reinstating'}`}
            required
            maxlength="500"
          />
          {p.error ? (
            <p class="field-error" role="alert" safe>
              {p.error}
            </p>
          ) : (
            ''
          )}
          <button type="submit" class={suspend ? 'danger' : 'secondary'}>
            {suspend ? 'Suspend' : 'Reinstate'}
          </button>
        </form>
      </td>
    </tr>
  )
}

export function CreateTenantForm(p: {
  errors?: FieldErrors | undefined
  message?: string | undefined
  created?: TenantRow | undefined
  /** The owner's email the invitation went to (null: it could not be sent). */
  invitedEmail?: string | null | undefined
  /** What was typed, kept when the form is shown again with its errors. */
  values?: CreateTenantValues | undefined
}) {
  const v = p.values ?? {}
  const invalid = (name: string) =>
    p.errors?.[name] ? { 'aria-invalid': 'true', 'aria-describedby': `${name}-error` } : {}
  return (
    <form
      method="post"
      action="/admin/tenants"
      hx-post="/admin/tenants"
      hx-target="#create-tenant"
      hx-swap="innerHTML"
      id="create-tenant-form"
    >
      {p.created ? (
        <div class="alert alert-ok" role="status" id="tenant-created">
          <p>
            Created <strong safe>{p.created.name}</strong>.
          </p>
          {p.invitedEmail ? (
            <p
              safe
            >{`We emailed an invitation to ${p.invitedEmail}. They become its owner when they sign in with that address.`}</p>
          ) : (
            <p>
              The invitation email could not be sent; the owner can still sign in with their email to take over the
              shop.
            </p>
          )}
        </div>
      ) : (
        ''
      )}
      {p.message && !p.created ? (
        <p class="alert alert-error" role="alert" safe>
          {p.message}
        </p>
      ) : (
        ''
      )}
      <label for="name">Shop name</label>
      <input id="name" name="name" required maxlength="120" value={v.name ?? ''} {...invalid('name')} />
      <FieldError name="name" errors={p.errors} />
      <label for="slug">Slug</label>
      <input
        id="slug"
        name="slug"
        required
        pattern="[a-z0-9\-]+"
        maxlength="50"
        value={v.slug ?? ''}
        {...invalid('slug')}
      />
      <FieldError name="slug" errors={p.errors} />
      <label for="owner_email">Owner email</label>
      <input
        id="owner_email"
        name="owner_email"
        type="email"
        required
        value={v.owner_email ?? ''}
        {...invalid('owner_email')}
      />
      <FieldError name="owner_email" errors={p.errors} />
      <label for="currency">Currency</label>
      <input id="currency" name="currency" value={v.currency ?? 'USD'} maxlength="3" {...invalid('currency')} />
      <FieldError name="currency" errors={p.errors} />
      <p>
        <button type="submit">Create tenant</button>
      </p>
    </form>
  )
}

export function TenantRows(p: { tenants: TenantRow[] }) {
  return (
    <tbody id="tenant-rows">
      {p.tenants.map((t) => (
        <TenantRowView t={t} />
      ))}
    </tbody>
  )
}

export function AdminTenantsPage(p: {
  chrome: Chrome
  tenants: TenantRow[]
  created?: { t: TenantRow; invitedEmail: string | null } | undefined
}) {
  return (
    <PortalLayout title="Tenants" chrome={p.chrome}>
      <h1>Tenants</h1>
      <section class="card">
        <h2>New tenant</h2>
        <div id="create-tenant">
          {p.created ? (
            <CreateTenantForm created={p.created.t} invitedEmail={p.created.invitedEmail} />
          ) : (
            <CreateTenantForm />
          )}
        </div>
      </section>
      <section class="card">
        <table>
          <thead>
            <tr>
              <th>Shop</th>
              <th>Status</th>
              <th>Currency</th>
              <th>Suspend or reinstate</th>
            </tr>
          </thead>
          <TenantRows tenants={p.tenants} />
        </table>
      </section>
    </PortalLayout>
  )
}
