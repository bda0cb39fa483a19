// Claiming a receipt: the customer types the code printed on (or shown with) their receipt, or
// arrives here from its QR with the code filled in. The answer replaces only the result box.
import { BaseLayout } from '../layouts/base'

const nav = [{ href: '/wallets', label: 'My wallets' }]

export type ClaimOutcome =
  | { ok: true; points: number; tenantName: string; walletId: string }
  | { ok: false; message: string }

export function ClaimResultView(p: { outcome?: ClaimOutcome }) {
  const o = p.outcome
  if (!o) return <div id="claim-result" />
  return (
    <div id="claim-result" role="status" data-ok={String(o.ok)}>
      {o.ok ? (
        <p class="alert alert-ok">
          <span safe>{`${o.points} point${o.points === 1 ? '' : 's'} added to your ${o.tenantName} wallet.`}</span>{' '}
          <a href={`/wallets/${encodeURIComponent(o.walletId)}`}>See the wallet</a>
        </p>
      ) : (
        <p class="alert alert-error" safe>
          {o.message}
        </p>
      )}
    </div>
  )
}

export function ClaimPage(p: { code: string; csrfToken: string; outcome?: ClaimOutcome }) {
  return (
    <BaseLayout title="Claim a receipt" nav={nav} csrfToken={p.csrfToken}>
      <h1>Claim a receipt</h1>
      <p class="muted">Got a receipt with a claim code? Enter it to add that purchase's points to your wallet.</p>
      <form method="post" action="/claim" hx-post="/claim" hx-target="#claim-result" hx-swap="outerHTML" class="card">
        <label for="claim-code">Claim code</label>
        <input
          id="claim-code"
          name="code"
          value={p.code}
          required
          maxlength="40"
          autocomplete="off"
          autocapitalize="characters"
          placeholder="ABCDE-FGHJK"
          class="code"
        />
        <button type="submit">Claim points</button>
      </form>
      <ClaimResultView {...(p.outcome ? { outcome: p.outcome } : {})} />
    </BaseLayout>
  )
}
