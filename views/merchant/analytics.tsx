// The programme analytics section of the merchant overview (issue 14.6, ADR 0026). Charts are
// server-side SVG with a title and description, each with the same figures as a table inside a
// <details> (for screen readers, printing and anyone who prefers numbers). Months are the shop's.
import type { ProgrammeAnalytics } from '../../src/analytics'
import { plural } from '../components/format'
import { LocalTime } from '../components/local-time'

/** The figures as programmeAnalytics computes them, with instants as ISO strings and money formatted. */
export type AnalyticsView = Omit<
  ProgrammeAnalytics,
  'windowStart' | 'asOf' | 'currency' | 'redemptionValuePer100Points' | 'liabilityMinor' | 'topMembers'
> & {
  asOf: string | null
  /** Formatted money, e.g. "$1,234.50", and what 100 points are worth, e.g. "$1.00". */
  liability: string
  valuePer100: string
  topMembers: { label: string; visits: number; pointsEarned: number; balance: number; lastVisit: string }[]
}

export const WINDOWS = [30, 90, 365]

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`)
const n = (v: number) => v.toLocaleString('en-US')
const monthName = (ym: string) =>
  new Date(`${ym}-01T00:00:00Z`).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' })

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

export function AnalyticsSection(p: AnalyticsView) {
  return (
    <section class="card" id="analytics">
      <h2>Programme analytics</h2>
      <nav aria-label="Period" class="small">
        {WINDOWS.map((d, i) => (
          <>
            {i ? ' · ' : ''}
            {d === p.days ? (
              <strong aria-current="page" safe>{`Last ${d} days`}</strong>
            ) : (
              <a href={`/merchant?days=${d}#analytics`} safe>{`Last ${d} days`}</a>
            )}
          </>
        ))}
      </nav>
      <div class="grid" id="analytics-figures">
        <div>
          <p class="muted">Repeat-visit rate</p>
          <p class="big-number" id="repeat-visit-rate" safe>
            {pct(p.repeatVisitRate)}
          </p>
          <p
            class="muted small"
            safe
          >{`${n(p.repeatVisitors)} of ${plural(p.visitors, 'member')} who visited have visited twice or more`}</p>
        </div>
        <div>
          <p class="muted">Active members</p>
          <p class="big-number" id="active-30" safe>
            {n(p.active30)}
          </p>
          <p class="muted small" safe>{`visited in the last 30 days · ${n(p.active90)} in 90 days`}</p>
        </div>
        <div>
          <p class="muted">Liability</p>
          <p class="big-number" id="liability" safe>
            {p.liability}
          </p>
          <p
            class="muted small"
            safe
          >{`${plural(p.outstanding, 'point')} outstanding at ${p.valuePer100} per 100 points`}</p>
        </div>
        <div>
          <p class="muted">Redemption rate · breakage</p>
          <p class="big-number" id="redemption-rate" safe>
            {pct(p.redemptionRate)}
          </p>
          <p class="muted small" id="breakage-rate" safe>{`${pct(p.breakageRate)} of issued points expired`}</p>
        </div>
      </div>
      <h3>Points in the last {p.days} days</h3>
      <PointsChart issued={p.issued} redeemed={p.redeemed} expired={p.expired} days={p.days} />
      <h3>Retention by month of first visit</h3>
      <CohortChart cohorts={p.cohorts} timeZone={p.timeZone} />
      <h3>Top members</h3>
      {p.topMembers.length ? (
        <table id="top-members">
          <thead>
            <tr>
              <th>Member</th>
              <th class="num">Visits</th>
              <th class="num">Points earned</th>
              <th class="num">Balance</th>
              <th>Last visit</th>
            </tr>
          </thead>
          <tbody>
            {p.topMembers.map((m) => (
              <tr>
                <td data-label="Member" safe>
                  {m.label}
                </td>
                <td class="num" data-label="Visits" safe>
                  {n(m.visits)}
                </td>
                <td class="num" data-label="Points earned" safe>
                  {n(m.pointsEarned)}
                </td>
                <td class="num" data-label="Balance" safe>
                  {n(m.balance)}
                </td>
                <td data-label="Last visit">
                  <LocalTime iso={m.lastVisit} format="date" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">Nobody has visited in this period yet.</p>
      )}
      <p class="muted small">
        {p.asOf ? (
          <>
            Member figures count visits up to <LocalTime iso={p.asOf} /> (updated every few minutes); points figures are
            live.
          </>
        ) : (
          'Member figures appear within a few minutes of the first sales; points figures are live.'
        )}
      </p>
      <details id="analytics-help">
        <summary>How these are counted</summary>
        <dl class="small">
          <dt>Visit</dt>
          <dd>A sale that earned a member points, counted when it was awarded.</dd>
          <dt>Repeat-visit rate</dt>
          <dd>
            Of the members who visited in the period, the share who have visited at least twice in all (the earlier
            visit may be before the period).
          </dd>
          <dt>Active members</dt>
          <dd>Members with a visit in the last 30 (or 90) days.</dd>
          <dt>Points issued, redeemed, expired</dt>
          <dd>
            Issued: credited for sales, imports and your adjustments, net of refunds. Redeemed: spent on rewards, net of
            codes that lapsed unused. Expired: lapsed under your expiry rule.
          </dd>
          <dt>Redemption rate and breakage</dt>
          <dd>Redeemed ÷ issued and expired ÷ issued, over the same period.</dd>
          <dt>Liability</dt>
          <dd>Points outstanding now × what a point is worth when redeemed (your redemption value).</dd>
          <dt>Retention</dt>
          <dd
            safe
          >{`Members are grouped by the month of their first visit (${p.timeZone}); each later month shows the share of the group who visited in it.`}</dd>
          <dt>Top members</dt>
          <dd>Members who visited in the period, by visits in all, then points earned.</dd>
        </dl>
      </details>
    </section>
  )
}
