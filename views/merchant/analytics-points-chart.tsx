// The analytics' points chart: issued, redeemed and expired as server-side SVG bars, with the
// same figures as a table inside a <details>.
import { type AnalyticsView, n } from './analytics-figures'

/** Points issued, redeemed and expired in the window, as three horizontal bars. */
export function PointsChart(p: Pick<AnalyticsView, 'issued' | 'redeemed' | 'expired' | 'days'>) {
  const rows = [
    { label: 'Issued', value: p.issued, cls: 'bar-pos' },
    { label: 'Redeemed', value: p.redeemed, cls: 'bar-brand' },
    { label: 'Expired', value: p.expired, cls: 'bar-neg' },
  ]
  const max = Math.max(1, ...rows.map((r) => r.value))
  const W = 600
  const LABEL = 90
  return (
    <figure>
      <svg
        class="chart"
        id="points-chart"
        viewBox={`0 0 ${W} 100`}
        role="img"
        aria-labelledby="points-chart-title points-chart-desc"
      >
        <title id="points-chart-title" safe>{`Points issued, redeemed and expired in the last ${p.days} days`}</title>
        <desc id="points-chart-desc" safe>
          {rows.map((r) => `${r.label}: ${n(r.value)} points`).join('; ')}
        </desc>
        {rows.map((r, i) => (
          <g>
            <text x="0" y={String(i * 32 + 20)} safe>
              {r.label}
            </text>
            <rect
              class={r.cls}
              x={String(LABEL)}
              y={String(i * 32 + 6)}
              width={String(Math.max(0, Math.round(((W - LABEL - 80) * Math.max(0, r.value)) / max)))}
              height="20"
            />
            <text x={String(W)} y={String(i * 32 + 20)} text-anchor="end" safe>
              {n(r.value)}
            </text>
          </g>
        ))}
      </svg>
      <details>
        <summary>Points as a table</summary>
        <table id="points-table">
          <thead>
            <tr>
              <th>Points</th>
              <th class="num">Last {p.days} days</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td safe>{r.label}</td>
                <td class="num" safe>
                  {n(r.value)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
