// Admin: ledger reconciliation, with "Run now" and its progress, the runs and the nightly POS
// reports. One run's findings are on its own page (reconciliation-findings).
import { type Chrome, PortalLayout } from '../auth/account'
import { type PosReportRow, PosReports } from './reconciliation-pos-reports'
import { ProgressView, type RunProgress, RunNow, type ShopChoice } from './reconciliation-run-now'
import { type RunRow, RunsTable } from './reconciliation-runs'

export function AdminReconciliationPage(p: {
  chrome: Chrome
  runs: RunRow[]
  progress: RunProgress | null
  posReports?: PosReportRow[]
  shops?: ShopChoice[]
}) {
  return (
    <PortalLayout title="Reconciliation" chrome={p.chrome}>
      <h1>Ledger reconciliation</h1>
      <section class="card">
        <p class="muted">
          Every night each wallet's balance and lots are compared with its ledger. Balance drift is healed and audited;
          lot problems are left for a person.
        </p>
        <RunNow shops={p.shops ?? []} />
        {p.progress ? <ProgressView progress={p.progress} /> : <div id="recon-progress"></div>}
      </section>
      <RunsTable runs={p.runs} />
      <PosReports reports={p.posReports ?? []} />
    </PortalLayout>
  )
}
