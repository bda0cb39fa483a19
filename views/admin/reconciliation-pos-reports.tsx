// Admin reconciliation: the nightly POS reconciliation reports (what each POS had against what
// was ingested).
import { LocalTime } from '../components/local-time'

export type PosReportRow = {
  id: string
  tenantName: string
  provider: string
  posCount: number
  ingestedCount: number
  missing: number
  outcome: string
  createdAt: string
}

const OUTCOME_BADGE: Record<string, string> = { clean: 'ok', repaired: 'warn', failed: 'err' }
const OUTCOME_WORDS: Record<string, string> = {
  clean: 'Nothing missing',
  repaired: 'Missing sales fed back in',
  failed: 'Could not check',
}

/** Nightly comparison of each POS's last 48 h with what was ingested; missing sales are fed back in. */
export function PosReports(p: { reports: PosReportRow[] }) {
  return (
    <section class="card">
      <h2>POS reconciliation</h2>
      <p class="muted small">
        Each night the last 48 hours of sales on every connected POS are compared with what reached us; missing sales
        are ingested through the normal path.
      </p>
      {p.reports.length === 0 ? (
        <p class="muted">No reports yet.</p>
      ) : (
        <table class="pos-reports">
          <thead>
            <tr>
              <th>When</th>
              <th>Shop</th>
              <th>POS</th>
              <th class="num">On the POS</th>
              <th class="num">Ingested</th>
              <th class="num">Missing</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {p.reports.map((r) => (
              <tr>
                <td>
                  <LocalTime iso={r.createdAt} />
                </td>
                <td safe>{r.tenantName}</td>
                <td safe>{r.provider}</td>
                <td class="num">{r.posCount}</td>
                <td class="num">{r.ingestedCount}</td>
                <td class="num">{r.missing}</td>
                <td>
                  <span class={`badge ${OUTCOME_BADGE[r.outcome] ?? ''}`} safe>
                    {OUTCOME_WORDS[r.outcome] ?? r.outcome}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
