// Merchant POS transactions: filters and search (htmx swaps only the rows), a self-polling row
// that brings in new sales without a reload, and on each unmatched sale a small form to name
// its customer. Views are pure: rows arrive as plain props.
import type { ProviderOption } from '../../src/pos'
import { plural } from '../components/format'
import { LiveEvents, LIVE_SCRIPTS, liveTrigger } from '../components/live-events'
import { LocalTime } from '../components/local-time'
import { BaseLayout } from '../layouts/base'
import { merchantNav } from './redeem'

export type TxnState = 'pending' | 'awarded' | 'unmatched' | 'duplicate' | 'reversed' | 'failed'

export type TxnRow = {
  id: string
  provider: string
  providerName: string
  providerTransactionId: string
  occurredAt: string
  amount: string
  state: TxnState
  reasonText: string | null
  points: number
  pointsReversed: number
  duplicates: number
  contact: string | null
  explanation: string | null
}

export type TxnFilters = { state: string; provider: string; q: string }

const STATE_LABEL: Record<TxnState, string> = {
  pending: 'Pending',
  awarded: 'Awarded',
  unmatched: 'Unmatched',
  duplicate: 'Duplicate',
  reversed: 'Reversed',
  failed: 'Failed',
}
const STATE_CLASS: Record<TxnState, string> = {
  pending: 'badge',
  awarded: 'badge ok',
  unmatched: 'badge warn',
  duplicate: 'badge',
  reversed: 'badge',
  failed: 'badge err',
}

/** The points column in words: a partial refund says how much of the award it took back. */
export function pointsText(r: Pick<TxnRow, 'points' | 'pointsReversed'>): string {
  if (!r.pointsReversed) return String(r.points)
  if (r.pointsReversed >= r.points) return `${plural(r.points, 'point')} reversed by refund`
  return `Awarded ${r.points}, ${r.pointsReversed} reversed by refund`
}

function AttachForm(p: { id: string; error?: string | undefined }) {
  return (
    <form
      hx-post={`/merchant/transactions/${p.id}/attach`}
      hx-target="closest tr"
      hx-swap="outerHTML"
      class="inline attach-form"
    >
      <label class="sr-only" for={`contact-${p.id}`}>
        Customer phone or email
      </label>
      <input
        id={`contact-${p.id}`}
        name="contact"
        placeholder="Phone or email"
        autocomplete="off"
        maxlength="200"
        required
      />
      <button class="small">Attach</button>
      {p.error ? (
        <p class="error small" role="alert" safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
    </form>
  )
}

export function TransactionRow(p: { row: TxnRow; error?: string | undefined }) {
  const r = p.row
  return (
    <tr id={`txn-${r.id}`} data-state={r.state}>
      <td class="muted small" data-label="When">
        <LocalTime iso={r.occurredAt} />
      </td>
      <td data-label="Sale">
        <span safe>{r.providerName}</span>{' '}
        <span class="muted small txn-ref" safe>
          {r.providerTransactionId}
        </span>
      </td>
      <td data-label="Amount" safe>
        {r.amount}
      </td>
      <td data-label="Customer" safe>
        {r.contact ?? '—'}
      </td>
      <td data-label="State">
        <span class={STATE_CLASS[r.state]} safe>
          {STATE_LABEL[r.state]}
        </span>
        {r.duplicates > 0 ? (
          <span class="badge small" safe>{`${r.duplicates} duplicate${r.duplicates === 1 ? '' : 's'} suppressed`}</span>
        ) : (
          ''
        )}
        {r.reasonText ? (
          <p class="muted small" safe>
            {r.reasonText}
          </p>
        ) : (
          ''
        )}
        {r.state === 'unmatched' ? <AttachForm id={r.id} error={p.error} /> : ''}
        {r.state === 'unmatched' ? (
          <a class="small" href={`/merchant/transactions/${encodeURIComponent(r.id)}/claim`}>
            Claim slip for the customer
          </a>
        ) : (
          ''
        )}
      </td>
      <td data-label="Points">
        <span class="points" safe>
          {pointsText(r)}
        </span>
        {r.explanation ? (
          <p class="muted small" safe>
            {r.explanation}
          </p>
        ) : (
          ''
        )}
      </td>
    </tr>
  )
}

/**
 * Fetches rows newer than `since` when a sale is announced live, or every 2 s without live
 * events; its response is the new rows plus the next poller.
 */
export function NewRowsPoller(p: { since: string; filters: TxnFilters }) {
  const qs = new URLSearchParams({
    since: p.since,
    state: p.filters.state,
    provider: p.filters.provider,
    q: p.filters.q,
  }).toString()
  return (
    <tr
      id="txn-poller"
      class="poller"
      hx-get={`/merchant/transactions/new?${qs}`}
      hx-trigger={liveTrigger('transaction', '2s')}
      hx-swap="outerHTML"
      data-live-fallback
    ></tr>
  )
}

export function NewRows(p: { rows: TxnRow[]; since: string; filters: TxnFilters }) {
  return (
    <>
      <NewRowsPoller since={p.since} filters={p.filters} />
      {p.rows.map((row) => (
        <TransactionRow row={row} />
      ))}
    </>
  )
}

export function TransactionRows(p: { rows: TxnRow[]; since: string; filters: TxnFilters }) {
  return (
    <tbody id="txn-rows">
      <NewRows rows={p.rows} since={p.since} filters={p.filters} />
      {p.rows.length ? (
        ''
      ) : (
        <tr class="empty">
          <td colspan="6" class="muted">
            No transactions match.
          </td>
        </tr>
      )}
    </tbody>
  )
}

export function TransactionsPage(p: {
  rows: TxnRow[]
  since: string
  filters: TxnFilters
  providers: readonly ProviderOption[]
  csrfToken?: string | undefined
}) {
  return (
    <BaseLayout
      title="Transactions"
      nav={merchantNav}
      scripts={LIVE_SCRIPTS}
      {...(p.csrfToken ? { csrfToken: p.csrfToken } : {})}
    >
      <LiveEvents />
      <h1>Transactions</h1>
      <form
        class="filters inline"
        hx-get="/merchant/transactions"
        hx-trigger="input delay:300ms, change, submit"
        hx-target="#txn-rows"
        hx-swap="outerHTML"
      >
        <input
          type="search"
          name="q"
          value={p.filters.q}
          placeholder="Search by transaction id, phone or email"
          aria-label="Search transactions"
        />
        <select name="state" aria-label="State">
          <option value="">All states</option>
          {(['awarded', 'unmatched', 'duplicate', 'reversed', 'failed'] as const).map((s) => (
            <option value={s} selected={p.filters.state === s} safe>
              {STATE_LABEL[s]}
            </option>
          ))}
        </select>
        <select name="provider" aria-label="POS">
          <option value="">All POS</option>
          {p.providers.map((o) => (
            <option value={o.slug} selected={p.filters.provider === o.slug} safe>
              {o.name}
            </option>
          ))}
        </select>
      </form>
      <table class="transactions">
        <thead>
          <tr>
            <th>When</th>
            <th>Sale</th>
            <th>Amount</th>
            <th>Customer</th>
            <th>State</th>
            <th>Points</th>
          </tr>
        </thead>
        <TransactionRows rows={p.rows} since={p.since} filters={p.filters} />
      </table>
    </BaseLayout>
  )
}
