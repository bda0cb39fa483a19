// bench:import-export — the shop-essentials data paths at a realistic size: a 100k-row member
// import through the real API route (preview, import, the same file again), with the pure
// planning of the same file timed alone, beside a bare baseline in the same run (the same
// members inserted with no checks, no wallets, no ledger), and the streamed CSV exports of the
// imported members and ledger with the process's peak RSS while they stream.
//   bun run bench:import-export -- --rows 20000
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { parseConfig } from '../../src/config'
import { createApp } from '../../src/http/app'
import { buildDeps } from '../../src/app-deps'
import { planMemberImport } from '../../src/imports/plan-member-import'
import { createTenant } from '../../src/onboarding'
import { makeCast } from '../../tests/helpers/identities'
import { freshDatabase } from './fresh-db'
import { writeSection } from './report'

const { values: arg } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } })
const ROWS = Number(arg.rows)
const db = await freshDatabase()
const config = parseConfig({
  ...process.env,
  APP_ENV: 'test',
  LOG_LEVEL: 'warn',
  DATABASE_URL: db.url,
  ADMIN_EMAILS: 'admin@bench.test',
})
const deps = await buildDeps(config, { queuePrefix: `benchi${process.pid}` })
const app = createApp(deps)
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ s: number; value: T }> {
  const t0 = performance.now()
  const value = await work()
  const s = (performance.now() - t0) / 1000
  console.log(`${label}: ${s.toFixed(2)} s`)
  return { s, value }
}

try {
  const cast = await makeCast(
    deps,
    await createTenant(
      deps.dbh.db,
      'bench',
      { name: 'Bench Import', slug: 'bench-import', owner_email: 'o@bench.test' },
      new Date(),
    ),
  )
  const csv = [
    'phone,email,name,points',
    ...Array.from(
      { length: ROWS },
      (_, i) => `+1415${String(1_000_000 + i).slice(-7)},guest${i}@bench.test,Guest ${i},${(i % 500) + 1}`,
    ),
  ].join('\n')
  console.log(`generated ${ROWS} rows (${mib(csv.length)})`)
  const load0 = loadavg()
  const post = (dryRun: boolean) =>
    app
      .handle(
        new Request(`http://localhost/api/v1/merchant/imports/members?dry_run=${dryRun}`, {
          method: 'POST',
          headers: { ...cast.owner.headers, 'content-type': 'text/csv' },
          body: csv,
        }),
      )
      .then(async (r) => {
        if (r.status !== 200) throw new Error(`import answered ${r.status}: ${await r.text()}`)
        return (await r.json()) as { accepted: number; imported?: number }
      })
  const planning = await timed('planning alone (parse, normalise, merge)', async () => planMemberImport(csv))
  const preview = await timed('preview (dry run)', () => post(true))
  const real = await timed('import', () => post(false))
  const rerun = await timed('same file again', () => post(false))

  // Baseline: the same rows straight into a scratch table, chunked like the import, no rules.
  const sql = postgres(db.url, { max: 1, onnotice: () => {} })
  await sql`create temp table bare (phone text, email text, name text, points int)`
  const bare = await timed('bare insert baseline', async () => {
    const rows = csv
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
    for (let i = 0; i < rows.length; i += 1_000)
      await sql`insert into bare ${sql(rows.slice(i, i + 1_000).map(([phone, email, name, points]) => ({ phone, email, name, points: Number(points) })))}`
  })
  await sql.end()

  let peak = process.memoryUsage().rss
  const before = peak
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const exports: string[] = []
  for (const kind of ['members', 'ledger'] as const) {
    const r = await timed(`export ${kind}.csv`, async () => {
      const res = await app.handle(
        new Request(`http://localhost/api/v1/merchant/exports/${kind}.csv`, { headers: cast.owner.headers }),
      )
      let bytes = 0
      for await (const chunk of res.body!) bytes += chunk.byteLength
      return bytes
    })
    exports.push(
      `| export ${kind}.csv | ${ROWS.toLocaleString('en-US')} rows, ${mib(r.value)} | ${r.s.toFixed(2)} s | ${Math.round(ROWS / r.s).toLocaleString('en-US')} rows/s |`,
    )
  }
  clearInterval(sampler)
  const load1 = loadavg()
  const loads = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ')

  writeSection(
    'import-export',
    `## Member import and exports (\`bun run bench:import-export\`)

A ${ROWS.toLocaleString('en-US')}-row CSV (phone, email, name, points) posted to \`POST /api/v1/merchant/imports/members\` in process, real Postgres 15, RLS on; each real import writes members, wallets, one ledger entry and one lot per row. Planning is the pure part of every step (CSV parse, phone and email normalisation, duplicates merged), timed alone on the same file. Baseline: the same rows inserted into a bare table in 1,000-row chunks, same run. Load average (1/5/15 min) ${loads(load0)} at the start, ${loads(load1)} at the end: the machine is shared (other engineers' tests and benchmarks), so absolute times move between runs.

| step | size | time | rate |
|---|---|---:|---:|
| planning alone | ${('error' in planning.value ? 0 : planning.value.members.length).toLocaleString('en-US')} members | ${planning.s.toFixed(2)} s | ${Math.round(ROWS / planning.s).toLocaleString('en-US')} rows/s |
| preview (dry run) | ${preview.value.accepted.toLocaleString('en-US')} accepted | ${preview.s.toFixed(2)} s | ${Math.round(ROWS / preview.s).toLocaleString('en-US')} rows/s |
| import | ${(real.value.imported ?? 0).toLocaleString('en-US')} imported | ${real.s.toFixed(2)} s | ${Math.round(ROWS / real.s).toLocaleString('en-US')} rows/s |
| same file again | ${(rerun.value.imported ?? 0).toLocaleString('en-US')} imported | ${rerun.s.toFixed(2)} s | ${Math.round(ROWS / rerun.s).toLocaleString('en-US')} rows/s |
| bare insert baseline | — | ${bare.s.toFixed(2)} s | ${Math.round(ROWS / bare.s).toLocaleString('en-US')} rows/s |
${exports.join('\n')}

Import vs bare baseline: ${(real.s / bare.s).toFixed(1)}× the time. Process RSS while the exports streamed: ${mib(before)} before, ${mib(peak)} at the peak (the stream holds one 2,000-row page at a time).`,
  )
} finally {
  await deps.close()
  await db.drop()
}
process.exit(0)
