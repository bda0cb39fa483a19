// Admin: POS provider trust. Clover's webhook verification code (to paste into Clover's
// dashboard) and the Toast restaurant links awaiting their ownership proof (ADR 0016): the admin
// phones the restaurant on a number found independently, asks for the owner's claim code and
// enters it here; a match activates the link (audited).
import { type Chrome, PortalLayout } from '../auth/account'

export type CloverVerificationView = { code: string; receivedAt: string } | null
export type PendingClaimRow = {
  connectionId: string
  tenantName: string
  restaurantGuid: string
  since: string
  failures: number
}

const when = (iso: string) => iso.slice(0, 19).replace('T', ' ')

export function ClaimRow(p: {
  c: PendingClaimRow
  csrfToken: string
  error?: string | undefined
  notice?: string | undefined
}) {
  const { c } = p
  const action = `/admin/pos/toast/${encodeURIComponent(c.connectionId)}/activate`
  return (
    <tr id={`claim-${c.connectionId}`} data-connection={c.connectionId}>
      <td safe>{c.tenantName}</td>
      <td>
        <code safe>{c.restaurantGuid}</code>
      </td>
      <td class="muted small">
        <time datetime={c.since} safe>
          {when(c.since)}
        </time>
      </td>
      <td>
        {p.notice ? (
          <p class="alert alert-ok" role="status" safe>
            {p.notice}
          </p>
        ) : (
          <form
            method="post"
            action={action}
            hx-post={action}
            hx-target="closest tr"
            hx-swap="outerHTML"
            class="inline stack"
          >
            <input type="hidden" name="_csrf" value={p.csrfToken} />
            <label class="sr-only" for={`code-${c.connectionId}`}>
              Claim code read by the restaurant
            </label>
            <input
              id={`code-${c.connectionId}`}
              name="claim_code"
              placeholder="XXXX-XXXX"
              maxlength="20"
              autocomplete="off"
              required
            />
            <input
              name="reason"
              placeholder="How you checked (e.g. called the number on Toast's listing)"
              maxlength="500"
              required
              aria-label="How you checked"
            />
            <button type="submit" class="small">
              Activate
            </button>
            {c.failures > 0 ? (
              <span class="muted small" safe>{`${c.failures} wrong code${c.failures === 1 ? '' : 's'} so far`}</span>
            ) : (
              ''
            )}
            {p.error ? (
              <p class="field-error" role="alert" safe>
                {p.error}
              </p>
            ) : (
              ''
            )}
          </form>
        )}
      </td>
    </tr>
  )
}

export function AdminPosPage(p: { chrome: Chrome; clover: CloverVerificationView; claims: PendingClaimRow[] }) {
  return (
    <PortalLayout title="POS providers" chrome={p.chrome}>
      <h1>POS providers</h1>
      <section class="card" id="clover-verification">
        <h2>Clover webhook verification</h2>
        {p.clover ? (
          <p>
            Latest code:{' '}
            <strong data-role="verification-code" safe>
              {p.clover.code}
            </strong>{' '}
            <span class="muted small" safe>{`received ${when(p.clover.receivedAt)} UTC`}</span>
            <br />
            <span class="muted small">
              Paste it into Clover's Developer Dashboard › App Settings › Webhooks. Only the latest code is kept.
            </span>
          </p>
        ) : (
          <p class="muted">
            No verification code has arrived yet. Enter our webhook URL in Clover's dashboard; Clover then sends one.
          </p>
        )}
      </section>
      <section class="card" id="toast-claims">
        <h2>Toast restaurants awaiting an ownership check</h2>
        <p class="muted small">
          Call the restaurant on a number you found yourself (Toast's listing, the restaurant's website), never one the
          shop gave you, and ask for the claim code shown on their SalesArck POS page.
        </p>
        {p.claims.length === 0 ? (
          <p class="muted">Nothing is waiting.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Shop</th>
                <th>Restaurant GUID</th>
                <th>Linked</th>
                <th>Claim code</th>
              </tr>
            </thead>
            <tbody>
              {p.claims.map((c) => (
                <ClaimRow c={c} csrfToken={p.chrome.csrfToken} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </PortalLayout>
  )
}
