import { BaseLayout } from '../layouts/base'

export type OutboxMessage = { channel: string; to: string; subject: string | null; body: string; created_at: string }

/** Development only: what the app would have sent, so sign-in works without SMS or email. */
export function OutboxPage(p: { messages: OutboxMessage[] }) {
  return (
    <BaseLayout title="Dev outbox">
      <h1>Dev outbox</h1>
      <p class="muted">
        Messages the app would have sent (newest first). Also at <a href="/dev/outbox.json">/dev/outbox.json</a>. Not
        served in production.
      </p>
      <div id="outbox" hx-get="/dev/outbox" hx-trigger="every 3s" hx-select="#outbox" hx-swap="outerHTML">
        {p.messages.length === 0 ? (
          <p class="card muted">No messages yet. Request a sign-in code and it appears here.</p>
        ) : (
          ''
        )}
        {p.messages.map((m) => (
          <article class="card">
            <p class="small muted">
              <span class="badge" safe>
                {m.channel}
              </span>{' '}
              to <strong safe>{m.to}</strong> · <time safe>{m.created_at}</time>
            </p>
            {m.subject ? <h2 safe>{m.subject}</h2> : ''}
            <p safe>{m.body}</p>
          </article>
        ))}
      </div>
    </BaseLayout>
  )
}
