// System status for signed-in users: database and queue health, loaded and refreshed by htmx
// from /fragments/status (which needs a session: dependency health is not public information).

export function StatusCard() {
  return (
    <section class="card">
      <h2>System status</h2>
      <div id="status" hx-get="/fragments/status" hx-trigger="load" hx-swap="innerHTML">
        <p class="muted">Checking…</p>
      </div>
      <button class="secondary" hx-get="/fragments/status" hx-target="#status" id="refresh-status">
        Check again
      </button>
    </section>
  )
}

export function StatusFragment(p: { checks: Record<string, string>; checkedAt: string }) {
  return (
    <ul class="stack" id="status-list">
      {Object.entries(p.checks).map(([name, state]) => (
        <li>
          <span class={`badge ${state === 'ok' ? 'ok' : 'err'}`}>{state === 'ok' ? 'Operational' : 'Unavailable'}</span>{' '}
          <span safe>{name === 'database' ? 'Database' : name === 'redis' ? 'Queues and rate limits' : name}</span>
        </li>
      ))}
      <li class="muted small">
        Checked at <time safe>{p.checkedAt}</time>
      </li>
    </ul>
  )
}
