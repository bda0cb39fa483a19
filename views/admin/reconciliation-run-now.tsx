// Admin reconciliation's "Run now": the form (every shop, or the one picked) and the queued run's
// progress fragment, which polls itself every 2 s and stops (no hx-trigger in the answer) once the
// job has finished or failed.

export type ShopChoice = { id: string; name: string }

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

export function RunNow(p: { shops: ShopChoice[] }) {
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
