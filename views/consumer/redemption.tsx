// The code to show at the till. While it is live: big, with a QR, a live countdown
// (public/app.js) and a small poller that asks every 2 s whether the code is still live (204 =
// nothing changed). Once it is used, cancelled or expired, the poller's answer replaces the
// whole card with the outcome in words: no code to scan, no countdown, no cancel button.
import { LocalTime } from '../components/local-time'
import { plural } from '../components/format'
import { BaseLayout } from '../layouts/base'

export type RedemptionState = 'issued' | 'completed' | 'expired' | 'cancelled'

export type RedemptionView = {
  id: string
  walletId: string
  displayCode: string
  points: number
  /** The catalog reward this code is for (null: an amount of points). */
  reward: string | null
  tenantName: string
  expiresAt: string
  /** Only while the code is live: nothing to scan afterwards. */
  qrDataUrl: string | null
  state: RedemptionState
  completedAt: string | null
  csrfToken?: string | undefined
}

const nav = [{ href: '/wallets', label: 'My wallets' }]

function Outcome(p: RedemptionView) {
  const back = `${plural(p.points, 'point')} ${p.points === 1 ? 'is' : 'are'} back in your wallet`
  if (p.state === 'completed') {
    return (
      <div id="redemption-status" data-state="completed" class="outcome">
        <p class="big-number">Enjoy!</p>
        <p>
          {p.completedAt ? (
            <>
              Given at <LocalTime iso={p.completedAt} format="time" />
            </>
          ) : (
            'Given at the till'
          )}{' '}
          <span safe>{`· ${p.reward ? `${p.reward} for ` : ''}${plural(p.points, 'point')} at ${p.tenantName}`}</span>
        </p>
      </div>
    )
  }
  const what = p.state === 'cancelled' ? 'You cancelled this code.' : 'This code expired unused.'
  return (
    <div id="redemption-status" data-state={p.state} class="outcome">
      <p>
        <strong>{what}</strong>
      </p>
      <p safe>{`Your ${back}.`}</p>
    </div>
  )
}

/** The card that follows the code's state; also the poller's answer once the state changed. */
export function RedemptionCard(p: RedemptionView) {
  const live = p.state === 'issued'
  return (
    <section class="card center" id="redemption-card" data-state={p.state}>
      {live ? (
        <>
          {p.reward ? (
            <p class="reward-name" id="reward-name" safe>
              {p.reward}
            </p>
          ) : (
            ''
          )}
          <p class="muted" safe>
            {`${plural(p.points, 'point')} at ${p.tenantName}`}
          </p>
          <p class="code-display" id="code" safe>
            {p.displayCode}
          </p>
          {p.qrDataUrl ? <img src={p.qrDataUrl} alt="QR code of your redemption code" width="220" height="220" /> : ''}
          <p>
            Valid for <strong data-countdown={p.expiresAt}>…</strong>
          </p>
          <div
            id="redemption-status"
            data-state="issued"
            hx-get={`/redemptions/${p.id}/status`}
            hx-trigger="every 2s"
            hx-target="#redemption-card"
            hx-swap="outerHTML"
          >
            <span class="badge warn">Show this code to the staff</span>
          </div>
          <form method="post" action={`/redemptions/${p.id}/cancel`}>
            {p.csrfToken ? <input type="hidden" name="_csrf" value={p.csrfToken} /> : ''}
            <button class="secondary" type="submit" id="cancel-code">
              Cancel and return my points
            </button>
          </form>
        </>
      ) : (
        <Outcome {...p} />
      )}
      <p>
        <a href={`/wallets/${p.walletId}`} id="back-to-wallet" safe>
          {`Back to my ${p.tenantName} wallet`}
        </a>
      </p>
    </section>
  )
}

export function RedemptionPage(p: RedemptionView) {
  return (
    <BaseLayout title="Your code" nav={nav} {...(p.csrfToken ? { csrfToken: p.csrfToken } : {})}>
      <RedemptionCard {...p} />
    </BaseLayout>
  )
}
