// Admin: one wallet's books laid open. The stored balance (the projection), the sum of its
// ledger and the points still open in lots must all agree; when they do not, the difference is
// shown first, because that is what the operator came to see.
import type { LedgerRow } from '../components/ledger-table'
import { LedgerTable } from '../components/ledger-table'
import { type Chrome, PortalLayout } from '../auth/account'

export type LotView = { id: string; points: number; remaining: number; expiresAt: string | null; createdAt: string }
export type InspectorView = {
  walletId: string
  tenantName: string
  balance: number
  ledgerSum: number
  entryCount: number
  openLotPoints: number
  entries: LedgerRow[]
  lots: LotView[]
}

function Check(p: { label: string; value: number; expected: number }) {
  const ok = p.value === p.expected
  return (
    <tr data-check={ok ? 'ok' : 'mismatch'}>
      <th scope="row" safe>
        {p.label}
      </th>
      <td class="num">{p.value}</td>
      <td>
        {ok ? (
          <span class="badge ok">matches</span>
        ) : (
          <span class="badge err" safe>{`off by ${p.value - p.expected}`}</span>
        )}
      </td>
    </tr>
  )
}

export function WalletInspectorPage(p: { chrome: Chrome; v: InspectorView }) {
  const v = p.v
  const consistent = v.balance === v.ledgerSum && v.openLotPoints === v.ledgerSum
  return (
    <PortalLayout title="Wallet ledger" chrome={p.chrome}>
      <h1>Wallet ledger</h1>
      <p>
        <span safe>{v.tenantName}</span> ·{' '}
        <code class="small" safe>
          {v.walletId}
        </code>{' '}
        · <a href={`/admin/audit?target_id=${encodeURIComponent(v.walletId)}`}>Audit history</a>
      </p>
      <p id="inspector-verdict" class={consistent ? 'alert alert-ok' : 'alert alert-error'} role="status">
        {consistent
          ? 'The balance equals its ledger and its open lots.'
          : 'The balance, the ledger and the open lots disagree: see below.'}
      </p>
      <table class="inspector-checks">
        <tbody>
          <tr>
            <th scope="row">Sum of the ledger</th>
            <td class="num" id="ledger-sum">
              {v.ledgerSum}
            </td>
            <td class="muted small" safe>{`${v.entryCount} entries`}</td>
          </tr>
          <Check label="Stored balance (projection)" value={v.balance} expected={v.ledgerSum} />
          <Check label="Points open in lots" value={v.openLotPoints} expected={v.ledgerSum} />
        </tbody>
      </table>
      <h2>Entries</h2>
      {v.entryCount > v.entries.length ? (
        <p class="muted small" safe>{`Newest ${v.entries.length} of ${v.entryCount}.`}</p>
      ) : (
        ''
      )}
      <LedgerTable rows={v.entries} />
      <h2>Lots</h2>
      {v.lots.length ? (
        <table class="lots">
          <thead>
            <tr>
              <th>Earned</th>
              <th class="num">Points</th>
              <th class="num">Remaining</th>
              <th>Expires</th>
            </tr>
          </thead>
          <tbody>
            {v.lots.map((l) => (
              <tr>
                <td class="small">
                  <time datetime={l.createdAt} safe>
                    {l.createdAt.slice(0, 16).replace('T', ' ')}
                  </time>
                </td>
                <td class="num">{l.points}</td>
                <td class="num">{l.remaining}</td>
                <td class="small">
                  {l.expiresAt ? (
                    <time datetime={l.expiresAt} safe>
                      {l.expiresAt.slice(0, 10)}
                    </time>
                  ) : (
                    <span class="muted">never</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No lots.</p>
      )}
    </PortalLayout>
  )
}
