// Admin reconciliation: the table of ledger reconciliation runs, polling while one is running.
import { LocalTime } from '../components/local-time'

export type RunRow = {
  id: string
  trigger: string
  tenantId: string | null
  walletsChecked: number
  walletsTotal: number | null
  findings: number
  startedAt: string
  finishedAt: string | null
}

export const TRIGGER_WORDS: Record<string, string> = { scheduled: 'Nightly', manual: 'Run now' }

/** The runs; while one is still running the table asks again every 3 s, and stops when none is. */
export function RunsTable(p: { runs: RunRow[] }) {
  const running = p.runs.some((r) => r.finishedAt === null)
  const poll = running
    ? { 'hx-get': '/admin/reconciliation/rows', 'hx-trigger': 'every 3s', 'hx-swap': 'outerHTML', 'aria-busy': 'true' }
    : {}
  return (
    <div id="runs-table" {...poll}>
      <table class="runs">
        <thead>
          <tr>
            <th>Started</th>
            <th>Trigger</th>
            <th>Shops</th>
            <th class="num">Wallets checked</th>
            <th class="num">Findings</th>
            <th>Finished</th>
          </tr>
        </thead>
        <tbody id="run-rows">
          {p.runs.map((r) => (
            <tr id={`run-${r.id}`}>
              <td>
                <a href={`/admin/reconciliation/runs/${encodeURIComponent(r.id)}`}>
                  <LocalTime iso={r.startedAt} />
                </a>
              </td>
              <td data-label="Trigger" safe>
                {TRIGGER_WORDS[r.trigger] ?? r.trigger}
              </td>
              <td data-label="Shops">
                {r.tenantId ? (
                  <code class="small" safe>
                    {r.tenantId}
                  </code>
                ) : (
                  'all'
                )}
              </td>
              <td class="num" safe>
                {r.finishedAt || r.walletsTotal === null
                  ? String(r.walletsChecked)
                  : `${r.walletsChecked} of ${r.walletsTotal}`}
              </td>
              <td class="num">{r.findings ? <span class="badge warn">{r.findings}</span> : '0'}</td>
              <td>{r.finishedAt ? <LocalTime iso={r.finishedAt} /> : <span class="badge warn">Running…</span>}</td>
            </tr>
          ))}
          {p.runs.length ? (
            ''
          ) : (
            <tr class="empty">
              <td colspan="6" class="muted">
                No runs yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
