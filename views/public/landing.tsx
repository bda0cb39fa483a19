import { BaseLayout } from '../layouts/base'

export function LandingPage() {
  return (
    <BaseLayout title="Welcome">
      <section class="hero">
        <h1>Loyalty that runs on the till you already have</h1>
        <p>Every sale on Square, Clover, Shopify, Lightspeed or Toast earns points automatically. Customers see one wallet per shop and redeem with a short code.</p>
      </section>
      <section class="roles">
        <a class="card role-card" href="/signin?as=consumer">
          <h2>I'm a customer</h2>
          <p class="muted">See your points at every shop and get a redemption code.</p>
        </a>
        <a class="card role-card" href="/signin?as=merchant">
          <h2>I run a shop</h2>
          <p class="muted">Members, rules, redemptions and your POS connection.</p>
        </a>
        <a class="card role-card" href="/signin?as=admin">
          <h2>Platform admin</h2>
          <p class="muted">Tenants, balance corrections, audit log and event replay.</p>
        </a>
      </section>
      <section class="card">
        <h2>System status</h2>
        <div id="status" hx-get="/fragments/status" hx-trigger="load" hx-swap="innerHTML">
          <p class="muted">Checking…</p>
        </div>
        <button class="secondary" hx-get="/fragments/status" hx-target="#status" id="refresh-status">Check again</button>
      </section>
    </BaseLayout>
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
