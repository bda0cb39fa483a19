// Admin: one ledger reconciliation run and its findings, each healed or left for a person.
import { plural } from '../components/format'
import { LocalTime } from '../components/local-time'
import { type Chrome, PortalLayout } from '../auth/account'
import { type RunRow, TRIGGER_WORDS } from './reconciliation-runs'

export type FindingRow = {
  kind: string
  tenantId: string
  walletId: string
  expected: number
  actual: number
  difference: number
  entryId: string | null
  healed: boolean
}

export function AdminRunPage(p: { chrome: Chrome; run: RunRow; findings: FindingRow[] }) {
  const r = p.run
  return (
    <PortalLayout title="Reconciliation run" chrome={p.chrome}>
      <p>
        <a href="/admin/reconciliation">← All runs</a>
      </p>
      <h1>
        Reconciliation run of <LocalTime iso={r.startedAt} />
      </h1>
      <p class="muted">
        <span safe>{`${TRIGGER_WORDS[r.trigger] ?? r.trigger}, `}</span>
        {r.finishedAt ? (
          <>
            finished <LocalTime iso={r.finishedAt} />
          </>
        ) : (
          'still running'
        )}
        <span safe>{`; ${plural(r.walletsChecked, 'wallet')} checked.`}</span>
      </p>
      <table class="findings">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Wallet</th>
            <th class="num">Expected</th>
            <th class="num">Actual</th>
            <th class="num">Difference</th>
            <th>Entry</th>
            <th>Healed</th>
          </tr>
        </thead>
        <tbody id="finding-rows">
          {p.findings.map((f) => (
            <tr>
              <td>
                <span class="badge warn" safe>
                  {f.kind}
                </span>
              </td>
              <td>
                <a href={`/admin/wallets/${encodeURIComponent(f.walletId)}`}>
                  <code class="small" safe>
                    {f.walletId}
                  </code>
                </a>
                <br />
                <code class="small muted" safe>
                  {f.tenantId}
                </code>
              </td>
              <td class="num">{f.expected}</td>
              <td class="num">{f.actual}</td>
              <td class="num">{f.difference}</td>
              <td>
                <code class="small" safe>
                  {f.entryId ?? '—'}
                </code>
              </td>
              <td>{f.healed ? <span class="badge ok">healed</span> : <span class="badge">for a person</span>}</td>
            </tr>
          ))}
          {p.findings.length ? (
            ''
          ) : (
            <tr class="empty">
              <td colspan="7" class="muted">
                No findings: every wallet agreed with its ledger.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </PortalLayout>
  )
}
