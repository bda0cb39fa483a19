// The programme analytics section of the merchant overview (issue 14.6, ADR 0026). Charts are
// server-side SVG with a title and description, each with the same figures as a table inside a
// <details> (for screen readers, printing and anyone who prefers numbers). Months are the shop's.
import { plural } from '../components/format'
import { LocalTime } from '../components/local-time'
import { type AnalyticsView, n, pct } from './analytics-figures'
import { CohortChart } from './analytics-cohort-chart'
import { PointsChart } from './analytics-points-chart'

export const WINDOWS = [30, 90, 365]

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
