// A wallet's ledger as a table, newest first, with the plain-language "why" for each entry.
// Shared by the consumer's wallet page and the merchant's member page.
export type LedgerRow = { id: string; label: string; points: number; balanceAfter: number; explanation: string; at: string }

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
            <td class="muted small">
              <time datetime={r.at} safe>
                {r.at.slice(0, 16).replace('T', ' ')}
              </time>
            </td>
            <td>
              <span class="badge" safe>
                {r.label}
              </span>{' '}
              <span safe>{r.explanation}</span>
            </td>
            <td class={r.points >= 0 ? 'points-pos' : 'points-neg'}>{r.points >= 0 ? `+${r.points}` : r.points}</td>
            <td>{r.balanceAfter}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
