// Admin: the dead-letter queue. Jobs land here after their last retry; the operator filters to
// one cause (a queue, a job, words of the reason), fixes the cause, then replays everything the
// filter shows at once, with a reason for the audit log.
import { type Chrome, PortalLayout } from '../auth/account'

export type DeadLetterView = { id: string; queue: string; job: string; jobId: string; reason: string; at: string }
export type DeadLetterFilters = { queue: string; job: string; reason: string }

function Rows(p: { rows: DeadLetterView[] }) {
  return (
    <tbody>
      {p.rows.map((r) => (
        <tr>
          <td class="small">
            <time datetime={r.at} safe>
              {r.at.slice(0, 16).replace('T', ' ')}
            </time>
          </td>
          <td safe>{r.queue}</td>
          <td>
            <span safe>{r.job}</span>{' '}
            <code class="small muted" safe>
              {r.jobId}
            </code>
          </td>
          <td class="small" safe>
            {r.reason}
          </td>
        </tr>
      ))}
      {p.rows.length ? (
        ''
      ) : (
        <tr class="empty">
          <td colspan="4" class="muted">
            Nothing in the dead-letter queue matches.
          </td>
        </tr>
      )}
    </tbody>
  )
}

/** The filtered list and its replay form, swapped as one so the form always replays what is shown. */
export function DeadLetterSection(p: { rows: DeadLetterView[]; filters: DeadLetterFilters; notice?: string }) {
  const f = p.filters
  return (
    <section id="dead-letters">
      {p.notice ? (
        <p class="alert alert-ok" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      {p.rows.length ? (
        <form
          method="post"
          action="/admin/dead-letter/replay"
          hx-post="/admin/dead-letter/replay"
          hx-target="#dead-letters"
          hx-swap="outerHTML"
          class="inline"
        >
          <input type="hidden" name="queue" value={f.queue} />
          <input type="hidden" name="job" value={f.job} />
          <input type="hidden" name="reason_contains" value={f.reason} />
          <label for="replay-reason">Why replay now</label>
          <input
            id="replay-reason"
            name="reason"
            required
            maxlength="500"
            placeholder="e.g. provider outage over, fix deployed"
          />
          <button type="submit" id="replay-all" safe>
            {`Replay all ${p.rows.length} shown`}
          </button>
        </form>
      ) : (
        ''
      )}
      <table class="dead-letters">
        <thead>
          <tr>
            <th>Failed</th>
            <th>Queue</th>
            <th>Job</th>
            <th>Reason</th>
          </tr>
        </thead>
        <Rows rows={p.rows} />
      </table>
    </section>
  )
}

export function DeadLetterPage(p: {
  chrome: Chrome
  rows: DeadLetterView[]
  filters: DeadLetterFilters
  queues: readonly string[]
}) {
  return (
    <PortalLayout title="Dead-letter queue" chrome={p.chrome}>
      <h1>Dead-letter queue</h1>
      <form
        class="filters inline"
        method="get"
        action="/admin/dead-letter"
        hx-get="/admin/dead-letter"
        hx-trigger="input delay:300ms, change, submit"
        hx-target="#dead-letters"
        hx-swap="outerHTML"
      >
        <select name="queue" aria-label="Queue">
          <option value="">All queues</option>
          {p.queues.map((q) => (
            <option value={q} selected={p.filters.queue === q} safe>
              {q}
            </option>
          ))}
        </select>
        <input name="job" value={p.filters.job} placeholder="Job name" aria-label="Job name" maxlength="100" />
        <input
          name="reason"
          value={p.filters.reason}
          placeholder="Reason contains"
          aria-label="Reason contains"
          maxlength="200"
        />
        <button type="submit" class="secondary small">
          Filter
        </button>
      </form>
      <DeadLetterSection rows={p.rows} filters={p.filters} />
    </PortalLayout>
  )
}
