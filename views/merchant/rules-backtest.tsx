// Back-test fragments: a progress bar that polls itself every second, then the result with the
// daily difference drawn as inline SVG bars. The CSP allows no inline styles, so widths and
// heights are SVG attributes, never style="…".
import { plural } from '../components/format'
import type { BacktestDay, BacktestResult, BacktestRun } from '../../src/rules'

const pts = (n: number) => plural(n, 'pt')
const signed = (n: number) => (n > 0 ? `+${pts(n)}` : n < 0 ? `−${pts(-n)}` : '0 pts')

/** While queued or running: re-fetches itself (outerHTML) until the answer has no hx-get. */
export function BacktestProgress(p: { run: BacktestRun }) {
  const percent = p.run.total > 0 ? Math.floor((p.run.done / p.run.total) * 100) : 0
  const label =
    p.run.status === 'queued'
      ? 'Waiting for a worker…'
      : `Replayed ${p.run.done.toLocaleString('en-US')} of ${p.run.total.toLocaleString('en-US')} sales`
  return (
    <div
      id="backtest-run"
      hx-get={`/merchant/rules/backtests/${p.run.id}`}
      hx-trigger="every 1s"
      hx-swap="outerHTML"
      aria-busy="true"
    >
      <p safe>{label}</p>
      <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow={String(percent)}>
        <svg width="100%" height="10" aria-hidden="true">
          <rect class="progress-fill" width={`${percent}%`} height="10" fill="#4f46e5" />
        </svg>
      </div>
    </div>
  )
}

export function BacktestFailed() {
  return (
    <div id="backtest-run">
      <p class="alert alert-error">The back-test could not finish. Try again in a moment.</p>
    </div>
  )
}

export function BacktestResultView(p: { result: BacktestResult; baseVersion: number }) {
  const r = p.result
  const change = r.points_draft - r.points_current
  return (
    <div id="backtest-run" class="backtest-result">
      <p class="muted small" safe>
        {`${r.sales.toLocaleString('en-US')} sales by ${r.members.toLocaleString('en-US')} members from ${r.from} to ${r.to}, compared with version ${p.baseVersion}.`}
      </p>
      <table>
        <tbody>
          <tr>
            <th>Points issued under the current rules</th>
            <td class="num" id="bt-current" safe>
              {pts(r.points_current)}
            </td>
          </tr>
          <tr>
            <th>Points issued under this draft</th>
            <td class="num" id="bt-draft" safe>
              {pts(r.points_draft)}
            </td>
          </tr>
          <tr>
            <th>Difference</th>
            <td class={`num ${change < 0 ? 'points-neg' : 'points-pos'}`} id="bt-difference" safe>
              {signed(change)}
            </td>
          </tr>
          <tr>
            <th>Members affected</th>
            <td class="num" id="bt-members" safe>
              {`${r.members_affected} (${r.members_gaining} earn more, ${r.members_losing} earn less)`}
            </td>
          </tr>
        </tbody>
      </table>
      <h3>Daily difference (draft − current)</h3>
      <DifferenceChart days={r.days} />
    </div>
  )
}

const WIDTH = 720
const HEIGHT = 160
const PAD = 16

/** One bar per day around a zero line: up (.bar-pos) when the draft gives more, down (.bar-neg) when less. */
export function DifferenceChart(p: { days: BacktestDay[] }) {
  const biggest = Math.max(1, ...p.days.map((d) => Math.abs(d.difference)))
  const mid = HEIGHT / 2
  const scale = (mid - PAD) / biggest
  const step = p.days.length ? (WIDTH - 2 * PAD) / p.days.length : 0
  const first = p.days[0]?.date ?? ''
  const last = p.days.at(-1)?.date ?? ''
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Daily points difference from ${first} to ${last}; largest day ${pts(biggest)}`}
    >
      <line x1={String(PAD)} x2={String(WIDTH - PAD)} y1={String(mid)} y2={String(mid)} stroke="#e4e7ec" />
      {p.days.map((d, i) => {
        if (d.difference === 0) return ''
        const h = Math.max(1, Math.abs(d.difference) * scale)
        const y = d.difference > 0 ? mid - h : mid
        return (
          <rect
            class={d.difference > 0 ? 'bar-pos' : 'bar-neg'}
            x={(PAD + i * step).toFixed(1)}
            y={y.toFixed(1)}
            width={Math.max(1, step - 1).toFixed(1)}
            height={h.toFixed(1)}
          >
            <title safe>{`${d.date}: ${signed(d.difference)} (${pts(d.current)} → ${pts(d.draft)})`}</title>
          </rect>
        )
      })}
      <text x={String(PAD)} y={String(HEIGHT - 2)} safe>
        {first}
      </text>
      <text x={String(WIDTH - PAD)} y={String(HEIGHT - 2)} text-anchor="end" safe>
        {last}
      </text>
      <text x={String(PAD)} y="10" safe>
        {`+${biggest}`}
      </text>
    </svg>
  )
}
