// The code to show at the till: big, with a QR image, a live countdown (public/app.js) and a
// status that flips to used/expired by itself (a fragment that polls until it is final).
import { BrandAssets, type BrandView } from '../components/shop-brand'
import { BaseLayout } from '../layouts/base'

export type RedemptionView = { id: string; displayCode: string; points: number; tenantName: string; expiresAt: string; qrDataUrl: string; status: StatusView; brand?: BrandView | undefined }
export type StatusView = { id: string; state: 'issued' | 'completed' | 'expired' | 'cancelled'; points: number }

const nav = [{ href: '/wallets', label: 'My wallets' }]

export function RedemptionStatus(p: StatusView) {
  const live = p.state === 'issued'
  const text = {
    issued: 'Show this code to the staff',
    completed: 'Used — enjoy your reward',
    expired: `Expired — your ${p.points} points are back in your wallet`,
    cancelled: `Cancelled — your ${p.points} points are back in your wallet`,
  }[p.state]
  const badge = p.state === 'issued' ? 'warn' : p.state === 'completed' ? 'ok' : 'err'
  return (
    <div
      id="redemption-status"
      data-state={p.state}
      {...(live ? { 'hx-get': `/redemptions/${p.id}/status`, 'hx-trigger': 'every 2s', 'hx-swap': 'outerHTML' } : {})}
    >
      <span class={`badge ${badge}`} safe>
        {text}
      </span>
    </div>
  )
}

export function RedemptionPage(p: RedemptionView & { csrfToken?: string | undefined }) {
  return (
    <BaseLayout title="Your code" nav={nav} {...(p.csrfToken ? { csrfToken: p.csrfToken } : {})}>
      <section class={`card center ${p.brand?.className ?? ''}`.trim()}>
        <BrandAssets brand={p.brand} shopName={p.tenantName} />
        <p class="muted" safe>
          {`${p.points} points at ${p.tenantName}`}
        </p>
        <p class="code-display" id="code" safe>
          {p.displayCode}
        </p>
        <img src={p.qrDataUrl} alt="QR code of your redemption code" width="220" height="220" />
        <p>
          Valid for <strong data-countdown={p.expiresAt}>…</strong>
        </p>
        <RedemptionStatus {...p.status} />
        {p.status.state === 'issued' ? (
          <form method="post" action={`/redemptions/${p.id}/cancel`}>
            {p.csrfToken ? <input type="hidden" name="_csrf" value={p.csrfToken} /> : ''}
            <button class="secondary" type="submit">
              Cancel and return my points
            </button>
          </form>
        ) : (
          ''
        )}
      </section>
    </BaseLayout>
  )
}
