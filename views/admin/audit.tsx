// Admin: the audit log, newest first, filtered by action and target, paged by (time, id). Each
// record shows before → after as a compact diff: only the keys that changed, so a balance
// correction reads "balance: 120 → 170" instead of two JSON blobs.
import { LocalTime } from '../components/local-time'
import { type Chrome, PortalLayout } from '../auth/account'

export type AuditRow = {
  id: string
  /** Who did it, by name (email or phone), never a bare id. */
  actor: string
  action: string
  targetType: string
  targetId: string
  targetTenantId: string | null
  before: unknown
  after: unknown
  reason: string
  at: string
}

export type AuditFilters = { action: string; targetId: string }

/** Suggestions for the action filter; any action can still be typed. */
const KNOWN_ACTIONS = [
  'wallet.adjust',
  'wallet.balance_healed',
  'webhook_event.replay',
  'pos_connection.link',
  'pos_transaction.attach_identity',
  'tenant.create',
  'tenant.suspend',
  'tenant.reinstate',
]

type DiffLine = { key: string; from?: string; to?: string }

const MAX_VALUE = 80
function show(v: unknown): string {
  const text = v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Changed, added and removed keys of two flat records; anything else compares as a whole. */
export function diffLines(before: unknown, after: unknown): DiffLine[] {
  if (!isRecord(before) || !isRecord(after)) {
    if (before === null || before === undefined)
      return after === null || after === undefined ? [] : [{ key: '', to: show(after) }]
    return [{ key: '', from: show(before), ...(after === null || after === undefined ? {} : { to: show(after) }) }]
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({
      key: k,
      ...(k in before ? { from: show(before[k]) } : {}),
      ...(k in after ? { to: show(after[k]) } : {}),
    }))
}

function Diff(p: { before: unknown; after: unknown }) {
  const lines = diffLines(p.before, p.after)
  if (!lines.length) return <span class="muted">no change recorded</span>
  return (
    <ul class="diff">
      {lines.map((l) => (
        <li>
          {l.key ? <span class="diff-key" safe>{`${l.key}: `}</span> : ''}
          {l.from !== undefined ? (
            <del class="diff-from" safe>
              {l.from}
            </del>
          ) : (
            ''
          )}
          {l.from !== undefined && l.to !== undefined ? ' → ' : ''}
          {l.to !== undefined ? (
            <ins class="diff-to" safe>
              {l.to}
            </ins>
          ) : (
            ''
          )}
        </li>
      ))}
    </ul>
  )
}

function AuditRowView(p: { r: AuditRow }) {
  const { r } = p
  return (
    <tr id={`audit-${r.id}`} data-action={r.action}>
      <td class="muted small">
        <LocalTime iso={r.at} />
      </td>
      <td class="small" safe>
        {r.actor}
      </td>
      <td>
        <span class="badge" safe>
          {r.action}
        </span>
      </td>
      <td>
        <span class="muted small" safe>
          {r.targetType}
        </span>{' '}
        <a href={`/admin/audit?target_id=${encodeURIComponent(r.targetId)}`}>
          <code class="small" safe>
            {r.targetId}
          </code>
        </a>
      </td>
      <td>
        <Diff before={r.before} after={r.after} />
      </td>
      <td safe>{r.reason}</td>
    </tr>
  )
}

/** The rows and, when the page is full, a link to the next (older) page with the same filters. */
export function AuditRows(p: {
  rows: AuditRow[]
  filters: AuditFilters
  next: { before: string; beforeId: string } | null
}) {
  const older = p.next
    ? `/admin/audit?${new URLSearchParams({ action: p.filters.action, target_id: p.filters.targetId, before: p.next.before, before_id: p.next.beforeId })}`
    : null
  return (
    <tbody id="audit-rows">
      {p.rows.map((r) => (
        <AuditRowView r={r} />
      ))}
      {p.rows.length ? (
        ''
      ) : (
        <tr class="empty">
          <td colspan="6" class="muted">
            No audit records match.
          </td>
        </tr>
      )}
      {older ? (
        <tr class="pager">
          <td colspan="6">
            <a href={older} id="audit-older">
              Older records →
            </a>
          </td>
        </tr>
      ) : (
        ''
      )}
    </tbody>
  )
}

export function AdminAuditPage(p: {
  chrome: Chrome
  rows: AuditRow[]
  filters: AuditFilters
  next: { before: string; beforeId: string } | null
  paged: boolean
}) {
  return (
    <PortalLayout title="Audit log" chrome={p.chrome}>
      <h1>Audit log</h1>
      <form
        class="filters inline"
        method="get"
        action="/admin/audit"
        hx-get="/admin/audit"
        hx-trigger="input delay:300ms, change, submit"
        hx-target="#audit-rows"
        hx-swap="outerHTML"
      >
        <input
          name="action"
          value={p.filters.action}
          list="audit-actions"
          placeholder="Action, e.g. wallet.adjust"
          aria-label="Action"
          maxlength="100"
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option value={a} />
          ))}
        </datalist>
        <input
          name="target_id"
          value={p.filters.targetId}
          placeholder="Target id"
          aria-label="Target id"
          maxlength="64"
        />
        <button type="submit" class="secondary small">
          Filter
        </button>
        {p.paged ? (
          <a class="small" href="/admin/audit">
            Back to newest
          </a>
        ) : (
          ''
        )}
      </form>
      <table class="audit">
        <thead>
          <tr>
            <th>When</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Target</th>
            <th>Before → after</th>
            <th>Reason</th>
          </tr>
        </thead>
        <AuditRows rows={p.rows} filters={p.filters} next={p.next} />
      </table>
    </PortalLayout>
  )
}
