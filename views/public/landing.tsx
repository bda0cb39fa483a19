import { BaseLayout } from '../layouts/base'

export function LandingPage() {
  return (
    <BaseLayout title="Welcome">
      <section class="hero">
        <h1>Loyalty that runs on the till you already have</h1>
        <p>
          Every sale on Square, Clover, Shopify, Lightspeed or Toast earns points automatically. Customers see one
          wallet per shop and redeem with a short code.
        </p>
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
    </BaseLayout>
  )
}
