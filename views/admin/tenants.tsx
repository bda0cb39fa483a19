import { type Chrome, PortalLayout } from '../auth/account'

export type TenantRow = { id: string; name: string; slug: string; status: string; currency: string }
type FieldErrors = Record<string, string>

function FieldError(p: { name: string; errors?: FieldErrors | undefined }) {
  const msg = p.errors?.[p.name]
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
          {t.status}
        </span>
      </td>
      <td safe>{t.currency}</td>
      <td>
        <form method="post" action={action} hx-post={action} hx-target={`#tenant-${t.id}`} hx-swap="outerHTML">
          <input name="reason" placeholder="Reason (required)" aria-label={`Reason for ${suspend ? 'suspending' : 'reinstating'}`} required maxlength="500" />
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

export function CreateTenantForm(p: { errors?: FieldErrors | undefined; message?: string | undefined; created?: TenantRow | undefined }) {
  return (
    <form method="post" action="/admin/tenants" hx-post="/admin/tenants" hx-target="#create-tenant" hx-swap="innerHTML" id="create-tenant-form">
      {p.created ? (
        <p class="alert alert-ok" role="status">
          Created <strong safe>{p.created.name}</strong>. The owner becomes its merchant owner when they sign in with that email.
        </p>
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
      <input id="name" name="name" required maxlength="120" />
      <FieldError name="name" errors={p.errors} />
      <label for="slug">Slug</label>
      <input id="slug" name="slug" required pattern="[a-z0-9-]+" maxlength="50" />
      <FieldError name="slug" errors={p.errors} />
      <label for="owner_email">Owner email</label>
      <input id="owner_email" name="owner_email" type="email" required />
      <FieldError name="owner_email" errors={p.errors} />
      <label for="currency">Currency</label>
      <input id="currency" name="currency" value="USD" maxlength="3" />
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

export function AdminTenantsPage(p: { chrome: Chrome; tenants: TenantRow[] }) {
  return (
    <PortalLayout title="Tenants" chrome={p.chrome}>
      <h1>Tenants</h1>
      <section class="card">
        <h2>New tenant</h2>
        <div id="create-tenant">
          <CreateTenantForm />
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
