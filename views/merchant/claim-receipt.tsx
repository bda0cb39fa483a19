// A sale's claim slip: what the merchant prints or shows when a customer paid without giving a
// phone or email. The customer scans the QR (or types the code at /claim) after signing in.
import { BaseLayout } from '../layouts/base'

export function ClaimReceiptPage(p: {
  shopName: string
  code: string
  url: string
  qrDataUrl: string
  expiresAt: string
  csrfToken: string
}) {
  return (
    <BaseLayout title="Receipt claim code" csrfToken={p.csrfToken}>
      <section class="card claim-slip">
        <h1 safe>{`Points for your purchase at ${p.shopName}`}</h1>
        <img src={p.qrDataUrl} alt="QR code to claim this purchase's points" width="220" height="220" />
        <p>
          Scan, or sign in at <strong safe>{new URL(p.url).origin}/claim</strong> and enter
        </p>
        <p class="code" id="claim-code" safe>
          {p.code}
        </p>
        <p class="muted small">
          Valid until{' '}
          <time datetime={p.expiresAt} safe>
            {p.expiresAt.slice(0, 10)}
          </time>
          . One claim per purchase.
        </p>
      </section>
      <p class="no-print">
        <a href="/merchant/transactions">Back to transactions</a>
      </p>
    </BaseLayout>
  )
}
