import { plural } from '../components/format'
import { BaseLayout } from '../layouts/base'
import { AnalyticsSection } from './analytics'
import type { AnalyticsView } from './analytics-figures'
import { type ChecklistView, GettingStarted } from './getting-started'

export type DashboardView = {
  shopName: string
  outstanding: number
  members: number
  signedUp: number
  redemptionsCompleted: number
  days: { day: string; earned: number; spent: number }[]
}

const W = 600
const H = 180
const MID = 110 // baseline: earned rises above it, spent falls below

/** Points earned (up) and spent (down) per day, as SVG bars: no script, no inline style. */
export function FlowChart(p: { days: DashboardView['days'] }) {
  const max = Math.max(1, ...p.days.map((d) => Math.max(d.earned, d.spent)))
  const slot = W / Math.max(1, p.days.length)
  const bar = Math.max(2, slot - 3)
  const up = (n: number) => Math.round((n / max) * (MID - 20))
  const down = (n: number) => Math.round((n / max) * (H - MID - 20))
  const first = p.days[0]?.day ?? ''
  const last = p.days[p.days.length - 1]?.day ?? ''
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Points earned and spent per day">
      <title>Points earned (up) and spent (down) per day</title>
      <line x1="0" y1={String(MID)} x2={String(W)} y2={String(MID)} stroke="#e4e7ec" />
      {p.days.map((d, i) => (
        <g>
          <title safe>{`${d.day}: ${d.earned} earned, ${d.spent} spent`}</title>
          {d.earned > 0 ? (
            <rect
              class="bar-pos"
              x={String(i * slot)}
              y={String(MID - up(d.earned))}
              width={String(bar)}
              height={String(up(d.earned))}
            />
          ) : (
            ''
          )}
          {d.spent > 0 ? (
            <rect
              class="bar-neg"
              x={String(i * slot)}
              y={String(MID)}
              width={String(bar)}
              height={String(down(d.spent))}
            />
          ) : (
            ''
          )}
        </g>
      ))}
      <text x="0" y="12" safe>
        {plural(max, 'pt')}
      </text>
      <text x="0" y={String(H - 2)} safe>
        {first}
      </text>
      <text x={String(W)} y={String(H - 2)} text-anchor="end" safe>
        {last}
      </text>
    </svg>
  )
}

/** In its first week (or while nothing has happened yet) a shop sees what to do next. */
export function DashboardPage(
  p: DashboardView & { checklist?: ChecklistView | undefined; analytics?: AnalyticsView | undefined },
) {
  const earned = p.days.reduce((s, d) => s + d.earned, 0)
  const spent = p.days.reduce((s, d) => s + d.spent, 0)
  // Zeros and an empty chart tell a new shop nothing: show only the checklist until there is data.
  const nothingYet = p.members === 0 && p.outstanding === 0 && earned === 0 && spent === 0
  if (nothingYet && p.checklist) {
    return (
      <BaseLayout title="Overview">
        <h1 safe>{p.shopName}</h1>
        <GettingStarted {...p.checklist} />
      </BaseLayout>
    )
  }
  return (
    <BaseLayout title="Overview">
      <h1 safe>{p.shopName}</h1>
      {p.checklist ? <GettingStarted {...p.checklist} /> : ''}
      <section class="grid" id="stats">
        <div class="card">
          <p class="muted">Points outstanding</p>
          <p class="big-number" id="outstanding" safe>
            {p.outstanding.toLocaleString('en-US')}
          </p>
          <p class="muted small">What your customers can still redeem: the programme's liability.</p>
        </div>
        <div class="card">
          <p class="muted">Members</p>
          <p class="big-number" id="members" safe>
            {p.members.toLocaleString('en-US')}
          </p>
          <p class="muted small" safe>{`${p.signedUp} signed up to see their wallet`}</p>
        </div>
        <div class="card">
          <p class="muted">Last 30 days</p>
          <p class="big-number" id="earned-30" safe>
            {earned.toLocaleString('en-US')}
          </p>
          <p
            class="muted small"
            safe
          >{`points earned · ${spent.toLocaleString('en-US')} spent · ${plural(p.redemptionsCompleted, 'code')} used`}</p>
        </div>
      </section>
      <section class="card">
        <h2>Points earned and spent, per day</h2>
        <FlowChart days={p.days} />
        <p class="small muted">
          <span class="legend-pos">■</span> earned <span class="legend-neg">■</span> spent on rewards
        </p>
      </section>
      {p.analytics ? <AnalyticsSection {...p.analytics} /> : ''}
    </BaseLayout>
  )
}
