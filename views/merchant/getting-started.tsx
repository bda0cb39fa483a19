// A new shop's first week: what to do before the overview has anything to show, and the
// printable poster that brings customers to their wallet. Pure views; the route decides.
import { BaseLayout } from '../layouts/base'

export type ChecklistView = { posConnected: boolean; rulesReviewed: boolean; staffInvited: boolean; canEdit: boolean }

function Step(p: { done: boolean; href: string; title: string; why: string; id: string }) {
  return (
    <li class={p.done ? 'step done' : 'step'} id={p.id} data-done={p.done ? 'yes' : 'no'}>
      <span class="step-mark" aria-hidden="true">
        {p.done ? '✓' : '○'}
      </span>
      <div>
        <a href={p.href} safe>
          {p.title}
        </a>
        {p.done ? <span class="sr-only"> (done)</span> : ''}
        <p class="muted small" safe>
          {p.why}
        </p>
      </div>
    </li>
  )
}

export function GettingStarted(p: ChecklistView) {
  return (
    <section class="card" id="getting-started">
      <h2>Getting started</h2>
      <p class="muted">Four steps and your customers start earning points. Your overview fills in as sales arrive.</p>
      <ol class="checklist">
        <Step
          id="step-pos"
          done={p.posConnected}
          href="/merchant/connections"
          title="Connect your POS"
          why="Sales from your till earn points automatically."
        />
        <Step
          id="step-rules"
          done={p.rulesReviewed}
          href="/merchant/rules"
          title="Check your points rule"
          why="The default is 1 point per 1 spent; preview a sale and publish your own."
        />
        <Step
          id="step-staff"
          done={p.staffInvited}
          href="/merchant/team"
          title="Invite your staff"
          why="Staff redeem customers' reward codes at the till."
        />
        <Step
          id="step-poster"
          done={false}
          href="/merchant/poster"
          title="Print the QR poster for customers"
          why="Customers scan it to see their points and rewards."
        />
      </ol>
    </section>
  )
}

export function PosterPage(p: { shopName: string; joinUrl: string; qrDataUrl: string }) {
  return (
    <BaseLayout title={`Poster for ${p.shopName}`}>
      <p class="no-print">
        <a href="/merchant">← Overview</a> · Print this page (Ctrl+P / ⌘P) and put it by the till.
      </p>
      <section class="card center poster" id="poster">
        <h1 safe>{p.shopName}</h1>
        <p class="poster-lead">Collect points with every purchase</p>
        <img src={p.qrDataUrl} alt="QR code to sign in and see your points" width="320" height="320" />
        <p>Scan to see your points and rewards. Give your phone number or email at the till.</p>
        <p class="muted small" safe>
          {p.joinUrl}
        </p>
      </section>
    </BaseLayout>
  )
}

/** A suspended shop's owner or staff: why, and whom to contact. */
export function SuspendedPage(p: { shopName: string; reason: string | null; supportEmail: string | null }) {
  return (
    <BaseLayout title={`${p.shopName} is suspended`}>
      <section class="card narrow" id="suspended">
        <h1 safe>{`${p.shopName} is suspended`}</h1>
        <p>Customers cannot earn or redeem points at this shop until it is reinstated. Their points are kept.</p>
        {p.reason ? (
          <p>
            Reason given: <strong safe>{p.reason}</strong>
          </p>
        ) : (
          ''
        )}
        {p.supportEmail ? (
          <p>
            To have it reinstated, contact SalesArck support at{' '}
            <a href={`mailto:${p.supportEmail}`} safe>
              {p.supportEmail}
            </a>
            .
          </p>
        ) : (
          <p>To have it reinstated, contact SalesArck support.</p>
        )}
      </section>
    </BaseLayout>
  )
}
