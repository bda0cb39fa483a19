// Admin: the webhook inbox. Filters swap only the rows; each row can be replayed with a reason
// (audited), and the replay answers with the row in its new state. What a row shows is what an
// operator needs to decide on a replay; the payload itself never reaches this page.
import { LocalTime } from '../components/local-time'
import type { ProviderOption } from '../../src/pos'
import { type Chrome, PortalLayout } from '../auth/account'

export type EventRow = {
  id: string
  provider: string
  providerName: string
  eventType: string
  externalMerchantId: string | null
  tenantId: string | null
  source: string
  status: string
  attempts: number
  lastError: string | null
  receivedAt: string
}

export type EventFilters = { view: string; provider: string; merchant: string }

export const VIEWS = { failed: 'Failed', unmatched: 'Unknown merchant', recent: 'All recent' } as const
const STATUS_CLASS: Record<string, string> = {
  processed: 'badge ok',
  failed: 'badge err',
  unmatched_merchant: 'badge warn',
  held: 'badge warn',
}

const STATUS_WORDS: Record<string, string> = {
  received: 'Waiting to be processed',
  processed: 'Processed',
  ignored: 'Ignored (nothing to award)',
  unmatched_merchant: 'Unknown merchant',
  held: 'Held',
  failed: 'Failed',
}

function ReplayForm(p: { id: string; processed: boolean; error?: string | undefined }) {
  const action = `/admin/webhook-events/${encodeURIComponent(p.id)}/replay`
  // Replaying an event that already went through is rarely what an operator means: ask first.
  const confirm = p.processed
    ? { 'hx-confirm': 'This event was already processed. Replay it anyway? (It will not award points twice.)' }
    : {}
  return (
    <form hx-post={action} hx-target="closest tr" hx-swap="outerHTML" class="inline replay-form" {...confirm}>
      <label class="sr-only" for={`replay-reason-${p.id}`}>
        Reason for replaying
      </label>
      <input
        id={`replay-reason-${p.id}`}
        name="reason"
        placeholder="Reason (optional)"
        maxlength="500"
        autocomplete="off"
      />
      <button type="submit" class="small secondary">
        Replay
      </button>
      {p.error ? (
        <p class="field-error" role="alert" safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
    </form>
  )
}

export function EventRowView(p: { r: EventRow; notice?: string | undefined; error?: string | undefined }) {
  const { r } = p
  return (
    <tr id={`whk-${r.id}`} data-status={r.status}>
      <td class="muted small">
        <LocalTime iso={r.receivedAt} />
      </td>
      <td>
        <span safe>{r.providerName}</span> <span class="muted small" safe>{`via ${r.source}`}</span>
      </td>
      <td safe>{r.eventType}</td>
      <td>
        <code class="small" safe>
          {r.externalMerchantId ?? '—'}
        </code>
        {r.tenantId ? '' : <span class="badge warn small">not linked</span>}
      </td>
      <td>
        <span class={STATUS_CLASS[r.status] ?? 'badge'} safe>
          {STATUS_WORDS[r.status] ?? r.status}
        </span>
        {p.notice ? (
          <p class="small" role="status" safe>
            {p.notice}
          </p>
        ) : (
          ''
        )}
      </td>
      <td class="num">{r.attempts}</td>
      <td class="small" safe>
        {r.lastError ?? ''}
      </td>
      <td>
        <ReplayForm id={r.id} processed={r.status === 'processed'} error={p.error} />
      </td>
    </tr>
  )
}

export function EventRows(p: { rows: EventRow[]; filters: EventFilters; older: string | null }) {
  return (
    <tbody id="event-rows">
      {p.rows.map((r) => (
        <EventRowView r={r} />
      ))}
      {p.rows.length ? (
        ''
      ) : (
        <tr class="empty">
          <td colspan="8" class="muted">
            No webhook events match.
          </td>
        </tr>
      )}
      {p.older ? (
        <tr class="pager">
          <td colspan="8">
            <a href={p.older} id="events-older">
              Older events →
            </a>
          </td>
        </tr>
      ) : (
        ''
      )}
    </tbody>
  )
}

export function AdminWebhooksPage(p: {
  chrome: Chrome
  rows: EventRow[]
  filters: EventFilters
  providers: readonly ProviderOption[]
  older: string | null
}) {
  return (
    <PortalLayout title="Webhook events" chrome={p.chrome}>
      <h1>Webhook events</h1>
      <form
        class="filters inline"
        method="get"
        action="/admin/webhook-events"
        hx-get="/admin/webhook-events"
        hx-trigger="input delay:300ms, change, submit"
        hx-target="#event-rows"
        hx-swap="outerHTML"
      >
        <select name="view" aria-label="Which events">
          {Object.entries(VIEWS).map(([v, label]) => (
            <option value={v} selected={p.filters.view === v}>
              {label}
            </option>
          ))}
        </select>
        <select name="provider" aria-label="POS">
          <option value="">All POS</option>
          {p.providers.map(({ slug }) => (
            <option value={slug} selected={p.filters.provider === slug}>
              {slug}
            </option>
          ))}
        </select>
        <input
          name="merchant"
          value={p.filters.merchant}
          placeholder="External merchant id"
          aria-label="External merchant id"
          maxlength="200"
        />
        <button type="submit" class="secondary small">
          Filter
        </button>
      </form>
      <table class="webhook-events">
        <thead>
          <tr>
            <th>Received</th>
            <th>POS</th>
            <th>Event</th>
            <th>Merchant</th>
            <th>Status</th>
            <th class="num">Attempts</th>
            <th>Last error</th>
            <th>Replay</th>
          </tr>
        </thead>
        <EventRows rows={p.rows} filters={p.filters} older={p.older} />
      </table>
    </PortalLayout>
  )
}
