// Staff "Redeem a code": type (or scan) the code → see points and a masked member → confirm.
// Errors (unknown, used, expired) come back as 4xx fragments and swap into the same place.
import { plural } from '../components/format'
import { BaseLayout } from '../layouts/base'

export const merchantNav = [
  { href: '/merchant/redeem', label: 'Redeem a code' },
  { href: '/merchant/members', label: 'Members' },
  { href: '/merchant/transactions', label: 'Transactions' },
  { href: '/merchant/rules', label: 'Rules' },
]

export function RedeemPage(p: { csrfToken?: string | undefined }) {
  return (
    <BaseLayout
      title="Redeem a code"
      nav={merchantNav}
      scripts={['/assets/scan.js']}
      {...(p.csrfToken ? { csrfToken: p.csrfToken } : {})}
    >
      <section class="card narrow">
        <h1>Redeem a code</h1>
        <form
          hx-post="/merchant/redeem/lookup"
          hx-target="#redeem-result"
          hx-swap="innerHTML"
          class="stack"
          id="lookup-form"
        >
          <label for="code">Customer's code</label>
          <input
            id="code"
            name="code"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="20"
            required
            data-autofocus
          />
          <div class="actions">
            <button type="submit">Look up</button>
            {/* Shown by public/scan.js only where the browser can read a QR from the camera. */}
            <button type="button" class="secondary" id="scan-code" data-scan-into="#code" hidden>
              Scan the QR
            </button>
          </div>
          <video id="scan-video" class="scan-video" muted hidden {...{ playsinline: true }}></video>
        </form>
        <div id="redeem-result" aria-live="polite"></div>
      </section>
    </BaseLayout>
  )
}

export type PreviewView = {
  code: string
  displayCode: string
  points: number
  reward: string | null
  member: string
  state: 'issued' | 'completed' | 'expired' | 'cancelled'
  expiresAt: string
}

export function RedeemPreview(p: PreviewView) {
  if (p.state !== 'issued') {
    const why =
      p.state === 'completed'
        ? 'This code has already been used.'
        : p.state === 'cancelled'
          ? 'This code was cancelled.'
          : 'This code has expired.'
    return (
      <div class="alert alert-error" role="alert" id="redeem-preview" data-state={p.state}>
        <strong>{why}</strong>
        <p>Do not give the reward.</p>
      </div>
    )
  }
  return (
    <div class="card" id="redeem-preview" data-state={p.state}>
      {p.reward ? (
        <p class="big-number" id="give-reward" safe>
          {`Give: ${p.reward}`}
        </p>
      ) : (
        ''
      )}
      <p class={p.reward ? 'muted' : 'big-number'} safe>
        {plural(p.points, 'point')}
      </p>
      <p>
        Member <strong safe>{p.member}</strong> · code <code safe>{p.displayCode}</code>
      </p>
      <p class="muted">
        Expires in <span data-countdown={p.expiresAt}>…</span>
      </p>
      {/* hx-disable: a double click sends one confirm (the server also treats a quick repeat as the same success). */}
      <form hx-post="/merchant/redeem/complete" hx-target="#redeem-result" hx-swap="innerHTML" hx-disable="find button">
        <input type="hidden" name="code" value={p.code} />
        <button type="submit" id="confirm-redeem">
          Confirm and give the reward
        </button>
      </form>
    </div>
  )
}

/** The lookup found nothing: say so in the staff's words, with the code they typed. */
export function RedeemNotFound(p: { typed: string }) {
  return (
    <div class="alert alert-error" role="alert" id="redeem-not-found">
      {p.typed ? (
        <strong>
          No active code <span safe>{p.typed}</span> at this shop
        </strong>
      ) : (
        <strong>Type the code from the customer's screen</strong>
      )}
      <p>Check the letters with the customer, or ask them to show the code again.</p>
    </div>
  )
}

export function RedeemDone(p: { points: number; reward: string | null; displayCode: string }) {
  return (
    <div class="alert alert-ok" role="status" id="redeem-done">
      <strong safe>{p.reward ? `Give the customer: ${p.reward}` : `Redeemed ${plural(p.points, 'point')}`}</strong>
      <p safe>
        {p.reward
          ? `Code ${p.displayCode} (${plural(p.points, 'point')}) is now used.`
          : `Code ${p.displayCode} is now used. Apply the reward at the till.`}
      </p>
    </div>
  )
}
