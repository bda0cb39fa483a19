// Admin: ledger reconciliation runs and their findings, and "Run now". A manual run goes
// through the queue; its progress fragment polls itself every 2 s and stops (no hx-trigger in
// the answer) once the job has finished or failed.
import { plural } from '../components/format'
import { LocalTime } from '../components/local-time'
import { type Chrome, PortalLayout } from '../auth/account'

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
export type ShopChoice = { id: string; name: string }
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

/** Where a queued manual run is: waiting for a worker, running, finished (with its run) or failed. */
export type RunProgress =
  | { jobId: string; state: 'queued' | 'retrying' | 'failed' | 'gone' }
  | { jobId: string; state: 'running'; walletsChecked?: number; walletsTotal?: number }
  | { jobId: string; state: 'finished'; runId: string; walletsChecked: number; findings: number }

const PROGRESS_TEXT = {
  queued: 'Queued: waiting for a worker…',
  running: 'Running: checking every wallet against its ledger…',
  retrying: 'The last attempt failed; it will be retried shortly…',
  failed: 'The run failed after its retries. The worker logs have the cause.',
  gone: 'This run is no longer in the queue. Its result, if any, is in the list below.',
} as const

export function ProgressView(p: { progress: RunProgress }) {
  const g = p.progress
  const live = g.state === 'queued' || g.state === 'running' || g.state === 'retrying'
  const poll = live
    ? {
        'hx-get': `/admin/reconciliation/jobs/${encodeURIComponent(g.jobId)}`,
        'hx-trigger': 'every 2s',
        'hx-swap': 'outerHTML',
        'aria-busy': 'true',
      }
    : {}
  return (
    <div id="recon-progress" data-state={g.state} role="status" {...poll}>
      {g.state === 'finished' ? (
        <p class="alert alert-ok">
          Finished:{' '}
          <span
            safe
          >{`${g.walletsChecked} wallets checked, ${g.findings} finding${g.findings === 1 ? '' : 's'}.`}</span>{' '}
          <a href={`/admin/reconciliation/runs/${encodeURIComponent(g.runId)}`}>See the run</a>
        </p>
      ) : g.state === 'running' && g.walletsTotal !== undefined && g.walletsChecked !== undefined ? (
        <p class="muted">
          <progress max={String(Math.max(g.walletsTotal, 1))} value={String(g.walletsChecked)}></progress>{' '}
          <span data-checked={String(g.walletsChecked)} data-total={String(g.walletsTotal)} safe>
            {`Running: ${g.walletsChecked.toLocaleString('en')} of ${g.walletsTotal.toLocaleString('en')} wallets checked…`}
          </span>
        </p>
      ) : (
        <p class={g.state === 'failed' ? 'alert alert-error' : 'muted'}>{PROGRESS_TEXT[g.state]}</p>
      )}
    </div>
  )
}

function RunNow(p: { shops: ShopChoice[] }) {
  return (
    <form
      method="post"
      action="/admin/reconciliation/runs"
      hx-post="/admin/reconciliation/runs"
      hx-target="#recon-progress"
      hx-swap="outerHTML"
      class="inline"
    >
      <select name="tenant_id" aria-label="Which shops">
        <option value="">Every shop</option>
        {p.shops.map((s) => (
          <option value={s.id} safe>
            {s.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit" id="run-now">
        Run now
      </button>
    </form>
  )
}

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
function PosReports(p: { reports: PosReportRow[] }) {
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

const TRIGGER_WORDS: Record<string, string> = { scheduled: 'Nightly', manual: 'Run now' }

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
