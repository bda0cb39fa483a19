// bench:rules — how fast the pure rule engine evaluates a sale, for a plain rule set and for
// a busy one (campaigns with time windows in a DST zone), and its memory per evaluation.
import { defaultRuleSet, evaluate, explain, parseRuleSet, type RuleSet } from '../../src/rules'
import { percentile, writeSection } from './report'

const busyInput = {
  schema_version: 1,
  currency: 'USD',
  rules: [
    { kind: 'points_per_spend', config: { points: 1, per_minor_units: 100 } },
    { kind: 'min_spend', config: { min_minor_units: 500 } },
    { kind: 'earn_cap', config: { max_points: 500 } },
    { kind: 'visit_bonus', config: { points: 10, every_nth_visit: 5 } },
    ...Array.from({ length: 8 }, (_, i) => ({
      kind: i % 2 ? 'campaign_bonus' : 'campaign_multiplier',
      config: {
        name: `Campaign ${i}`,
        ...(i % 2 ? { points: 25 } : { multiplier: 2 }),
        starts_at: '2026-01-01T00:00',
        windows: [{ days: ['tue', 'wed', 'sat'], start: '16:00', end: '02:00' }],
      },
    })),
  ],
}

function mustParse(input: unknown): RuleSet {
  const r = parseRuleSet(input)
  if (!r.ok) throw new Error(`bench rule set does not parse: ${JSON.stringify(r.error.fields)}`)
  return r.value
}

function run(label: string, ruleSet: RuleSet, n: number) {
  const times: number[] = []
  const base = new Date('2026-11-03T21:30:00Z').getTime()
  for (let i = 0; i < 2_000; i++)
    evaluate(
      ruleSet,
      { currency: 'USD', total: 1000 + i },
      { now: new Date(base), timeZone: 'America/New_York', stats: { visitCount: i } },
    )
  Bun.gc(true)
  const heap0 = process.memoryUsage().heapUsed
  const t0 = performance.now()
  for (let i = 0; i < n; i++) {
    const s = performance.now()
    const r = evaluate(
      ruleSet,
      { currency: 'USD', total: 500 + ((i * 37) % 20_000), tax: 80 },
      { now: new Date(base + i * 60_000), timeZone: 'America/New_York', stats: { visitCount: i % 50 } },
    )
    explain(r.trace)
    times.push(performance.now() - s)
    if (i % Math.floor(n / 4) === 0) console.log(`  ${label}: ${i}/${n}`)
  }
  const total = performance.now() - t0
  const heapPer = (process.memoryUsage().heapUsed - heap0) / n
  times.sort((a, b) => a - b)
  return {
    label,
    n,
    opsPerSec: Math.round((n / total) * 1000),
    p50: percentile(times, 50) * 1000,
    p99: percentile(times, 99) * 1000,
    heapPer,
  }
}

const rows = [
  run('default rule set (1 pt per $1)', defaultRuleSet('USD'), 100_000),
  run('busy rule set (12 rules, 8 windowed campaigns)', mustParse(busyInput), 50_000),
]
const table = rows.map(
  (r) =>
    `| ${r.label} | ${r.n.toLocaleString()} | ${r.opsPerSec.toLocaleString()} | ${r.p50.toFixed(1)} µs | ${r.p99.toFixed(1)} µs | ${Math.max(0, r.heapPer).toFixed(0)} B |`,
)
for (const r of rows)
  console.log(`${r.label}: ${r.opsPerSec} evaluations/s, p50 ${r.p50.toFixed(1)} µs, p99 ${r.p99.toFixed(1)} µs`)
writeSection(
  'rules',
  `## Rule evaluation (\`bun run bench:rules\`)

evaluate + explain for one sale, single thread, in process.

| rule set | evaluations | per second | p50 | p99 | heap growth per evaluation |
|---|---:|---:|---:|---:|---:|
${table.join('\n')}`,
)
