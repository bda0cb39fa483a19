// A wallet's ledger as a table, newest first, with the plain-language "why" for each entry.
// Shared by the consumer's wallet page and the merchant's member page.
import { LocalTime } from './local-time'
export type LedgerRow = {
  id: string
  label: string
  points: number
  balanceAfter: number
  explanation: string
  at: string
}

export function LedgerTable(p: { rows: LedgerRow[] }) {
  if (!p.rows.length) return <p class="muted">No activity yet.</p>
  return (
    <table class="ledger">
      <thead>
        <tr>
          <th>When</th>
          <th>What happened</th>
          <th>Points</th>
          <th>Balance</th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr>
            <td class="muted small" data-label="When">
              <LocalTime iso={r.at} />
            </td>
            <td data-label="What happened">
              <span class="badge" safe>
                {r.label}
              </span>{' '}
              <span safe>{r.explanation}</span>
            </td>
            <td class={r.points >= 0 ? 'points-pos' : 'points-neg'} data-label="Points">
              {r.points >= 0 ? `+${r.points}` : r.points}
            </td>
            <td data-label="Balance">{r.balanceAfter}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
