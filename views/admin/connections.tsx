// Admin: every POS connection across tenants. Unhealthy ones come first; each row says what
// an operator needs to act: since when, the last error, and whether the owner has been emailed
// a reconnect link (the state machine sends one per outage). Filters swap only the rows.
import type { ProviderOption } from '../../src/pos'
import { type Chrome, PortalLayout } from '../auth/account'

export type AdminConnectionView = {
  tenantName: string
  provider: string
  externalMerchantId: string
  status: string
  statusReason: string | null
  statusChangedAt: string
  lastEventAt: string | null
  lastError: string | null
  reconnectEmailAt: string | null
}
export type ConnectionFilters = { provider: string; status: string }

export const CONNECTION_STATUSES = {
  connected: 'Connected',
  degraded: 'Degraded',
  disconnected: 'Disconnected',
  revoked: 'Revoked',
} as const
const BADGE: Record<string, string> = {
  connected: 'badge ok',
  degraded: 'badge warn',
  disconnected: 'badge err',
  revoked: 'badge err',
}

const At = (p: { iso: string | null; none: string }) =>
  p.iso ? (
    <time datetime={p.iso} safe>
      {p.iso.slice(0, 16).replace('T', ' ')}
    </time>
  ) : (
    <span class="muted" safe>
      {p.none}
    </span>
  )

export function ConnectionRows(p: { rows: AdminConnectionView[] }) {
  return (
    <tbody id="connection-rows">
      {p.rows.map((r) => (
        <tr data-status={r.status}>
          <td safe>{r.tenantName}</td>
          <td>
            <span safe>{r.provider}</span>{' '}
            <code class="small muted" safe>
              {r.externalMerchantId}
            </code>
          </td>
          <td>
            <span class={BADGE[r.status] ?? 'badge'} safe>
              {CONNECTION_STATUSES[r.status as keyof typeof CONNECTION_STATUSES] ?? r.status}
            </span>{' '}
            <span class="small muted">
              since <At iso={r.statusChangedAt} none="" />
            </span>
            {r.statusReason ? (
              <p class="small" safe>
                {r.statusReason}
              </p>
            ) : (
              ''
            )}
          </td>
          <td class="small">
            <At iso={r.lastEventAt} none="no event yet" />
          </td>
          <td class="small" safe>
            {r.lastError ?? ''}
          </td>
          <td class="small">
            <At iso={r.reconnectEmailAt} none="not sent" />
          </td>
        </tr>
      ))}
      {p.rows.length ? (
        ''
      ) : (
        <tr class="empty">
          <td colspan="6" class="muted">
            No connections match.
          </td>
        </tr>
      )}
    </tbody>
  )
}

export function AdminConnectionsPage(p: {
  chrome: Chrome
  rows: AdminConnectionView[]
  filters: ConnectionFilters
  providers: readonly ProviderOption[]
}) {
  return (
    <PortalLayout title="POS connections" chrome={p.chrome}>
      <h1>POS connections</h1>
      <form
        class="filters inline"
        method="get"
        action="/admin/connections"
        hx-get="/admin/connections"
        hx-trigger="change, submit"
        hx-target="#connection-rows"
        hx-swap="outerHTML"
      >
        <select name="provider" aria-label="POS">
          <option value="">All POS</option>
          {p.providers.map(({ slug }) => (
            <option value={slug} selected={p.filters.provider === slug}>
              {slug}
            </option>
          ))}
        </select>
        <select name="status" aria-label="Status">
          <option value="">Any status</option>
          {Object.entries(CONNECTION_STATUSES).map(([v, label]) => (
            <option value={v} selected={p.filters.status === v}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary small">
          Filter
        </button>
      </form>
      <table class="admin-connections">
        <thead>
          <tr>
            <th>Shop</th>
            <th>POS</th>
            <th>Status</th>
            <th>Last event</th>
            <th>Last error</th>
            <th>Reconnect email</th>
          </tr>
        </thead>
        <ConnectionRows rows={p.rows} />
      </table>
    </PortalLayout>
  )
}
