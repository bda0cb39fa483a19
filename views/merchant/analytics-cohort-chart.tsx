// The analytics' retention chart: one SVG row per month of first visit, with the same figures as
// a table inside a <details>. Months are the shop's.
import { type AnalyticsView, monthName, n, pct } from './analytics-figures'

/** Cohorts by month of first visit: one row each, a cell per later month shaded by retention. */
export function CohortChart(p: { cohorts: AnalyticsView['cohorts']; timeZone: string }) {
  const CELL = 40
  const LEFT = 80
  const cols = Math.max(1, p.cohorts.length)
  const W = LEFT + cols * CELL
  const H = 20 + p.cohorts.length * CELL
  return (
    <figure>
      <svg
        class="chart cohort"
        id="cohort-chart"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="cohort-chart-title cohort-chart-desc"
      >
        <title id="cohort-chart-title">Retention by month of first visit</title>
        <desc
          id="cohort-chart-desc"
          safe
        >{`Each row is the members whose first visit fell in that month (${p.timeZone}); column N is the share of them who visited N months later.`}</desc>
        {Array.from({ length: cols }, (_, k) => (
          <text x={String(LEFT + k * CELL + CELL / 2)} y="12" text-anchor="middle" safe>
            {k === 0 ? 'size' : `+${k}`}
          </text>
        ))}
        {p.cohorts.map((c, i) => (
          <g>
            <text x="0" y={String(20 + i * CELL + CELL / 2 + 4)} safe>
              {monthName(c.month)}
            </text>
            <text x={String(LEFT + CELL / 2)} y={String(20 + i * CELL + CELL / 2 + 4)} text-anchor="middle" safe>
              {n(c.members)}
            </text>
            {c.retention.map((r) => (
              <rect
                class="cell"
                x={String(LEFT + r.offset * CELL + 1)}
                y={String(20 + i * CELL + 1)}
                width={String(CELL - 2)}
                height={String(CELL - 2)}
                fill-opacity={String(0.08 + 0.92 * (r.rate ?? 0))}
              >
                <title
                  safe
                >{`${monthName(c.month)} cohort in ${monthName(r.month)}: ${n(r.members)} of ${n(c.members)} (${pct(r.rate)})`}</title>
              </rect>
            ))}
          </g>
        ))}
      </svg>
      <details>
        <summary>Retention as a table</summary>
        <table id="cohort-table">
          <thead>
            <tr>
              <th>First visit</th>
              <th class="num">Members</th>
              <th>Came back (share of the cohort, by month)</th>
            </tr>
          </thead>
          <tbody>
            {p.cohorts.map((c) => (
              <tr>
                <td data-label="First visit" safe>
                  {monthName(c.month)}
                </td>
                <td class="num" data-label="Members" safe>
                  {n(c.members)}
                </td>
                <td data-label="Came back" safe>
                  {c.retention.map((r) => `${monthName(r.month)}: ${n(r.members)} (${pct(r.rate)})`).join(' · ') ||
                    'this month'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
