// Merchant: data in and out. Exports stream as files (with a progress bar when scripts run:
// public/export-progress.js reads the download as it arrives); the member import is previewed
// first (what would be imported, what is refused and why), then run with the same file.
import type { ImportReport } from '../../src/imports'
import { BaseLayout } from '../layouts/base'

const KINDS = [
  { kind: 'transactions', label: 'Transactions', hint: 'Every sale and refund with its processing state and points.' },
  { kind: 'members', label: 'Members', hint: 'Every member with full contact details and balance.' },
  { kind: 'ledger', label: 'Ledger entries', hint: 'Every points movement with its explanation.' },
] as const

export function ImportReportView(p: { report: ImportReport; dryRun: boolean }) {
  const r = p.report
  return (
    <div id="import-report" role="status" data-dry-run={String(p.dryRun)}>
      {p.dryRun ? (
        <p class="alert alert-ok" safe>
          {`Preview: ${r.accepted} member${r.accepted === 1 ? '' : 's'} would be imported (${r.new_members} new), ${r.duplicates} duplicate row${r.duplicates === 1 ? '' : 's'} merged, ${r.already_imported} already imported before, ${r.rejected.length} row${r.rejected.length === 1 ? '' : 's'} refused. Nothing has been saved yet.`}
        </p>
      ) : (
        <p class="alert alert-ok" safe>
          {`Imported: ${r.imported ?? 0} opening balance${r.imported === 1 ? '' : 's'} credited, ${r.new_members} new member${r.new_members === 1 ? '' : 's'}, ${r.already_imported} already imported before (left as they were), ${r.rejected.length} row${r.rejected.length === 1 ? '' : 's'} refused.`}
        </p>
      )}
      {r.rejected.length ? (
        <table class="import-rejected">
          <caption>
            Refused rows: fix them in the file and import it again (imported rows are not imported twice).
          </caption>
          <thead>
            <tr>
              <th class="num">Line</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {r.rejected.slice(0, 200).map((x) => (
              <tr>
                <td class="num">{x.row}</td>
                <td safe>{x.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
    </div>
  )
}

export function DataPage(p: { csrfToken: string; from: string; to: string }) {
  return (
    <BaseLayout title="Data" csrfToken={p.csrfToken}>
      <h1>Data in and out</h1>
      <section class="card">
        <h2>Export</h2>
        <form method="get" action="/merchant/data" class="inline filters">
          <label>
            From <input type="date" name="from" value={p.from} />
          </label>
          <label>
            To <input type="date" name="to" value={p.to} />
          </label>
          <button type="submit" class="secondary small">
            Use these dates
          </button>
        </form>
        <p class="muted small">Whole days in the shop's time zone. Leave both empty for everything.</p>
        <ul class="exports">
          {KINDS.map((k) => {
            const q = new URLSearchParams({ ...(p.from && { from: p.from }), ...(p.to && { to: p.to }) }).toString()
            const base = `/merchant/exports/${k.kind}`
            return (
              <li>
                <strong>{k.label}</strong> <span class="muted small">{k.hint}</span>{' '}
                <a href={`${base}.csv${q ? `?${q}` : ''}`} data-export download="">
                  CSV
                </a>{' '}
                ·{' '}
                <a href={`${base}.json${q ? `?${q}` : ''}`} data-export download="">
                  JSON
                </a>
              </li>
            )
          })}
        </ul>
        <p id="export-progress" class="muted small" role="status" hidden>
          <progress max="100" value="0" />
          <span />
        </p>
      </section>
      <section class="card">
        <h2>Import members</h2>
        <p class="muted small">
          A CSV whose first line names the columns <code>phone</code>, <code>email</code>, <code>name</code>,{' '}
          <code>points</code> (phone or email required). Each person's points arrive as one "brought over" entry;
          importing the same file again changes nothing.
        </p>
        <form
          id="import-form"
          method="post"
          action="/merchant/imports/members"
          hx-post="/merchant/imports/members"
          hx-encoding="multipart/form-data"
          hx-target="#import-report"
          hx-swap="outerHTML"
          enctype="multipart/form-data"
        >
          <label for="import-file">CSV file</label>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv" required />
          <button type="submit" name="dry_run" value="true">
            Preview
          </button>{' '}
          <button type="submit" name="dry_run" value="false" class="secondary">
            Import
          </button>
        </form>
        <div id="import-report" />
      </section>
      <script src="/assets/export-progress.js" defer />
    </BaseLayout>
  )
}
