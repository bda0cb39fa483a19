// bench:scale — the books and dashboards at platform size (issue 18). Seeds one big shop
// (--members, --entries: that many awarded sales, earn entries and lots, consistent) and one small
// shop in SQL, then measures through the real HTTP app with signed-in merchants, one request at a
// time, warm: the merchant pages and APIs (p50/p95), member search, and a full and a per-tenant
// reconciliation beside a bare GROUP BY SUM over the same ledger in the same run. The small
// shop's pages are timed before, during the big seed, during reconciliation and after, to show
// one shop's size does not slow another's. --fast-seed drops the secondary indexes while seeding
// (for 10M+ reconciliation runs; the during-seed column is then skipped); --books-only skips the
// big shop's pages and its activity rollup.
//   bun run bench:scale -- --entries 1000000 --members 100000
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { users } from '../../src/auth/auth.schema'
import { createSession } from '../../src/auth/sessions.repo'
import { createLogger, setLogger } from '../../src/infra/logger'
import { tokenPair } from '../../src/auth/token-pair'
import { parseConfig } from '../../src/config'
import { createApp } from '../../src/http/app'
import { buildDeps } from '../../src/app-deps'
import { asSystem } from '../../src/infra/scope'
import { reconcileLedger, rollupTenantFlows } from '../../src/ledger'
import { rollupTenantActivity } from '../../src/analytics'
import { newId } from '../../src/shared/ids'
import { createTenant } from '../../src/onboarding'
import { memberships } from '../../src/tenancy'
import { freshDatabase } from './fresh-db'
import { percentile, writeSection } from './report'
import { seedTenant } from './scale-seed'

const { values: arg } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    members: { type: 'string', default: '100000' },
    'small-entries': { type: 'string', default: '10000' },
    'small-members': { type: 'string', default: '1000' },
    requests: { type: 'string', default: '200' },
    'fast-seed': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    // The books alone (seed, reconciliation, the small shop beside it): for 10M+ runs, where the
    // big shop's pages are not a target and its first activity rollup alone takes minutes.
    'books-only': { type: 'boolean', default: false },
  },
})
setLogger(createLogger('warn')) // no access-log line per timed request
const ENTRIES = Number(arg.entries)
const MEMBERS = Number(arg.members)
const REQUESTS = Number(arg.requests)
const fmt = (n: number) => n.toLocaleString('en')
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`)

const db = await freshDatabase()
const config = parseConfig({
  ...process.env,
  APP_ENV: 'test',
  LOG_LEVEL: 'warn',
  DATABASE_URL: db.url,
  DATABASE_POOL_MAX: '10',
  RATE_LIMIT_PUBLIC_PER_IP: '100000000',
})
const deps = await buildDeps(config, { queuePrefix: `benchs${process.pid}` })
const server = createApp(deps).listen({ port: 0, hostname: '127.0.0.1' })
const base = `http://127.0.0.1:${server.server?.port}`
// Seeding and maintenance as the app role in system scope (RLS stays on, as in production).
const raw = postgres(db.url, { max: 1, onnotice: () => {} })
await raw`select set_config('app.scope', 'system', false)`
// Maintenance the app role may not do (it owns nothing, ADR 0018): VACUUM, dropping and
// rebuilding indexes for --fast-seed. As the table owner, as migrations run.
const owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} })

async function shop(slug: string, name: string) {
  const t = await createTenant(deps.dbh.db, 'bench', { name, slug, owner_email: `owner@${slug}.test` }, new Date())
  const userId = newId('usr')
  await deps.dbh.db.insert(users).values({ id: userId, email: `owner@${slug}.test`, emailVerifiedAt: new Date() })
  await asSystem(deps.dbh.db, (tx) =>
    tx.insert(memberships).values({ id: newId('mem'), userId, tenantId: t.id, role: 'merchant_owner' }),
  )
  const { session, refreshToken } = await createSession(deps.dbh.db, userId, t.id, new Date())
  // A 10M run outlasts an access token: a fresh one every 5 minutes, written into the same
  // headers object every request reads.
  const headers = { authorization: '' }
  const mint = async () => {
    headers.authorization = `Bearer ${(await tokenPair(deps.keyring, session, refreshToken, new Date())).access_token}`
  }
  await mint()
  setInterval(() => void mint(), 5 * 60_000).unref()
  const [rv] = await raw<{ id: string }[]>`select id from rule_versions where tenant_id = ${t.id}`
  return { id: t.id, ruleVersionId: rv!.id, headers }
}

async function get(path: string, headers: Record<string, string>, accept = 'text/html'): Promise<Response> {
  const r = await fetch(`${base}${path}`, { headers: { ...headers, accept } })
  if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${(await r.text()).slice(0, 200)}`)
  return r
}

type Probe = { label: string; path: string; accept?: string; htmx?: boolean }
type Timing = { p50: number; p95: number; n: number }

async function time(p: Probe, headers: Record<string, string>, n: number): Promise<Timing> {
  const h = p.htmx ? { ...headers, 'hx-request': 'true' } : headers
  for (let i = 0; i < 10; i++) await (await get(p.path, h, p.accept)).arrayBuffer() // warm
  const lat: number[] = []
  for (let i = 0; i < n; i++) {
    const s = performance.now()
    await (await get(p.path, h, p.accept)).arrayBuffer()
    lat.push(performance.now() - s)
  }
  lat.sort((a, b) => a - b)
  return { p50: percentile(lat, 50), p95: percentile(lat, 95), n }
}

/** Times the probes round-robin until `done` settles (one request at a time). */
async function timeWhile(probes: Probe[], headers: Record<string, string>, done: Promise<unknown>): Promise<Timing> {
  let finished = false
  void done.finally(() => {
    finished = true
  })
  const lat: number[] = []
  for (let i = 0; !finished; i++) {
    const p = probes[i % probes.length]!
    const s = performance.now()
    await (await get(p.path, headers, p.accept)).arrayBuffer()
    lat.push(performance.now() - s)
  }
  await done
  lat.sort((a, b) => a - b)
  return { p50: percentile(lat, 50), p95: percentile(lat, 95), n: lat.length }
}

async function timeRoundRobin(probes: Probe[], headers: Record<string, string>, n: number): Promise<Timing> {
  for (const p of probes) await time(p, headers, 0) // warm
  const lat: number[] = []
  for (let i = 0; i < n; i++) {
    const p = probes[i % probes.length]!
    const s = performance.now()
    await (await get(p.path, headers, p.accept)).arrayBuffer()
    lat.push(performance.now() - s)
  }
  lat.sort((a, b) => a - b)
  return { p50: percentile(lat, 50), p95: percentile(lat, 95), n }
}

async function timedMs<T>(work: () => Promise<T>): Promise<[T, number]> {
  const s = performance.now()
  const out = await work()
  return [out, performance.now() - s]
}

const ms = (v: number) => `${v.toFixed(1)} ms`
const sec = (v: number) => `${(v / 1000).toFixed(2)} s`

const SECONDARY = `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename in ('ledger_entries', 'lots', 'pos_transactions', 'members', 'wallets')
  and indexname not in (select conname from pg_constraint)`

try {
  const load0 = loadavg()
  const [pg] = await raw<{ v: string }[]>`select current_setting('server_version') as v`
  log(`Postgres ${pg!.v}; seeding a small shop (${arg['small-members']} members, ${arg['small-entries']} sales)`)
  const small = await shop('small-shop', 'Small Shop')
  const big = await shop('big-shop', 'Big Shop')
  const now = new Date()
  await seedTenant(
    raw,
    {
      tenantId: small.id,
      ruleVersionId: small.ruleVersionId,
      prefix: 's',
      members: Number(arg['small-members']),
      entries: Number(arg['small-entries']),
      now,
    },
    log,
  )
  await owner`vacuum analyze`
  const smallProbes: Probe[] = [
    { label: 'overview', path: '/merchant' },
    { label: 'members', path: '/merchant/members' },
    { label: 'transactions', path: '/merchant/transactions' },
  ]
  await rollupTenantFlows(deps.dbh.db, small.id, now)
  await rollupTenantActivity(deps.dbh.db, small.id, now)
  const smallBefore = await timeRoundRobin(smallProbes, small.headers, REQUESTS)

  log(
    `seeding the big shop: ${fmt(MEMBERS)} members, ${fmt(ENTRIES)} sales/entries/lots${arg['fast-seed'] ? ' (secondary indexes dropped meanwhile)' : ''}`,
  )
  const dropped = arg['fast-seed']
    ? ((await owner.unsafe(SECONDARY)) as unknown as { indexname: string; indexdef: string }[])
    : []
  for (const ix of dropped) await owner.unsafe(`drop index "${ix.indexname}"`)
  const seeding = timedMs(() =>
    seedTenant(
      raw,
      { tenantId: big.id, ruleVersionId: big.ruleVersionId, prefix: 'b', members: MEMBERS, entries: ENTRIES, now },
      log,
    ),
  )
  const smallDuringSeed = arg['fast-seed'] ? null : await timeWhile(smallProbes, small.headers, seeding)
  const [, seedMs] = await seeding
  for (const ix of dropped) {
    log(`  rebuilding ${ix.indexname}`)
    await owner.unsafe(ix.indexdef)
  }
  log('vacuum analyze (what autovacuum does for an insert-only ledger; index-only scans need it), then a checkpoint')
  const [, vacuumMs] = await timedMs(() => owner`vacuum analyze`)
  // Flush the seed's dirty pages now rather than during the timings (superuser only).
  const admin = postgres(process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', {
    max: 1,
    onnotice: () => {},
  })
  await admin`checkpoint`.finally(() => admin.end())
  // The big shop's history was written after nothing had rolled it up: its first pass takes it all.
  const [rolled, rollupMs] = await timedMs(() => rollupTenantFlows(deps.dbh.db, big.id, new Date()))
  log(`first rollup of the ledger: ${fmt(rolled.entries)} entries in ${sec(rollupMs)}`)
  // And the analytics' first pass over every sale: per-member facts and cohorts (ADR 0026).
  const booksOnly = arg['books-only']
  const [activity, activityMs] = booksOnly
    ? [{ visits: 0 }, 0]
    : await timedMs(() => rollupTenantActivity(deps.dbh.db, big.id, new Date()))
  if (!booksOnly) log(`first activity rollup: ${fmt(activity.visits)} visits in ${sec(activityMs)}`)
  await owner`analyze member_activity, member_visit_hours, cohort_activity` // what autovacuum does after the first pass

  // Cursor for the second page, and a search term that names one member / a phone fragment.
  const firstPage = (await (await get('/api/v1/merchant/members', big.headers, 'application/json')).json()) as {
    next_cursor: string
  }
  const probes: Probe[] = [
    { label: '/merchant (overview, with the analytics over 30 days)', path: '/merchant' },
    { label: '/merchant?days=365 (overview, analytics over a year)', path: '/merchant?days=365' },
    {
      label: 'GET /api/v1/merchant/analytics?days=30',
      path: '/api/v1/merchant/analytics?days=30',
      accept: 'application/json',
    },
    {
      label: 'GET /api/v1/merchant/analytics?days=365',
      path: '/api/v1/merchant/analytics?days=365',
      accept: 'application/json',
    },
    { label: '/merchant/members', path: '/merchant/members' },
    {
      label: '/merchant/members?q= (email prefix, htmx)',
      path: `/merchant/members?q=member${Math.floor(MEMBERS / 2) + 17}@`,
      htmx: true,
    },
    {
      label: '/merchant/members?q= (last 5 phone digits, htmx)',
      path: `/merchant/members?q=${String(Math.floor(MEMBERS / 3))
        .padStart(7, '0')
        .slice(-5)}`,
      htmx: true,
    },
    { label: '/merchant/members?q= (prefix of every email, htmx)', path: '/merchant/members?q=member', htmx: true },
    { label: 'GET /api/v1/merchant/members', path: '/api/v1/merchant/members', accept: 'application/json' },
    {
      label: 'GET /api/v1/merchant/members?cursor= (page 2)',
      path: `/api/v1/merchant/members?cursor=${firstPage.next_cursor}`,
      accept: 'application/json',
    },
    {
      label: 'GET /api/v1/merchant/members?q=',
      path: `/api/v1/merchant/members?q=member${Math.floor(MEMBERS / 4) + 3}@`,
      accept: 'application/json',
    },
    { label: '/merchant/transactions', path: '/merchant/transactions' },
  ]
  // Round-robin over the probes, so drift in the machine's load (checkpoints, other processes)
  // lands on every page alike rather than on whichever was measured first.
  const lat = probes.map(() => [] as number[])
  for (let i = 0; i < (booksOnly ? 0 : REQUESTS + 10); i++) {
    for (const [k, p] of probes.entries()) {
      const h = p.htmx ? { ...big.headers, 'hx-request': 'true' } : big.headers
      const s0 = performance.now()
      await (await get(p.path, h, p.accept)).arrayBuffer()
      if (i >= 10) lat[k]!.push(performance.now() - s0)
    }
  }
  // The exports (issue 14.4) at this size: streamed through the real route, rows counted from the
  // body, the process's peak RSS sampled while they stream (the app runs in this process).
  const exportRows: string[] = []
  if (!booksOnly) {
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)
    const files = [
      { label: 'ledger.csv, every entry', path: '/api/v1/merchant/exports/ledger.csv' },
      {
        label: 'transactions.csv, the last 30 days',
        path: `/api/v1/merchant/exports/transactions.csv?from=${monthAgo}`,
      },
      { label: 'members.csv, every member', path: '/api/v1/merchant/exports/members.csv' },
    ]
    for (const f of files) {
      const rss0 = process.memoryUsage().rss
      let peak = rss0
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss)
      }, 50)
      const t0 = performance.now()
      const res = await get(f.path, big.headers, 'text/csv')
      let lines = 0
      let bytes = 0
      for await (const chunk of res.body!) {
        bytes += chunk.byteLength
        for (const b of chunk) if (b === 10) lines++
      }
      const s = (performance.now() - t0) / 1000
      clearInterval(sampler)
      const n = lines - 1 // the header line
      log(`export ${f.label}: ${fmt(n)} rows in ${s.toFixed(1)} s`)
      exportRows.push(
        `| ${f.label} | ${fmt(n)} | ${(bytes / 2 ** 20).toFixed(0)} MiB | ${s.toFixed(1)} s | ${fmt(Math.round(n / s))} | ${((peak - rss0) / 2 ** 20).toFixed(0)} MiB |`,
      )
    }
  }
  const rows = probes.map((p, k) => {
    const l = lat[k]!.sort((a, b) => a - b)
    log(`${p.label}: p50 ${ms(percentile(l, 50))}, p95 ${ms(percentile(l, 95))}`)
    return `| ${p.label} | ${l.length} | ${ms(percentile(l, 50))} | ${ms(percentile(l, 95))} |`
  })

  // The reference: the cheapest possible look at every entry, as the same role with RLS on.
  // Alternated with full runs (a clean run changes nothing, so it can be repeated), best of 2.
  const bare = async () =>
    (
      await timedMs(() =>
        asSystem(deps.dbh.db, (tx) =>
          tx.execute(sql`select wallet_id, sum(points) from ledger_entries group by wallet_id`),
        ),
      )
    )[1]
  const reconcileAll = () =>
    timedMs(() =>
      reconcileLedger(deps.dbh.db, {
        now: new Date(),
        trigger: 'manual',
        onProgress: (p) =>
          void (
            p.walletsChecked % 50_000 === 0 &&
            log(`  reconciliation: ${fmt(p.walletsChecked)} / ${fmt(p.walletsTotal)} wallets`)
          ),
      }),
    )
  const bares: number[] = []
  const fulls: number[] = []
  let full = { walletsChecked: 0, findings: [] as unknown[] }
  for (let i = 0; i < 2; i++) {
    bares.push(await bare())
    const [r, t] = await reconcileAll()
    full = r
    fulls.push(t)
  }
  const bareMs = Math.min(...bares)
  const fullMs = Math.min(...fulls)
  log(
    `bare GROUP BY SUM over the ledger: ${bares.map(sec).join(', ')}; full reconciliation: ${fulls.map(sec).join(', ')}`,
  )
  // Item 4: the small shop's pages while every shop is reconciled once more (its second lane
  // gives way to them, ADR 0020), and what that costs the run.
  const reconcilingBeside = reconcileAll()
  const smallDuringRecon = await timeWhile(smallProbes, small.headers, reconcilingBeside)
  const [, besideMs] = await reconcilingBeside
  const [one, oneMs] = await timedMs(() =>
    reconcileLedger(deps.dbh.db, { now: new Date(), trigger: 'manual', tenantId: big.id }),
  )
  const [smallRun, smallRunMs] = await timedMs(() =>
    reconcileLedger(deps.dbh.db, { now: new Date(), trigger: 'manual', tenantId: small.id }),
  )
  log(
    `reconciliation: all ${sec(fullMs)} (${fmt(full.walletsChecked)} wallets, ${full.findings.length} findings), big shop only ${sec(oneMs)}, small shop only ${sec(smallRunMs)}`,
  )
  const smallAfter = await timeRoundRobin(smallProbes, small.headers, REQUESTS)
  const [sizes] = await raw<
    { ledger: string; lots: string }[]
  >`select pg_size_pretty(pg_total_relation_size('ledger_entries')) as ledger, pg_size_pretty(pg_total_relation_size('lots')) as lots`
  const load1 = loadavg()
  const iso = (label: string, t: Timing | null) =>
    t ? `| ${label} | ${t.n} | ${ms(t.p50)} | ${ms(t.p95)} |` : `| ${label} | — | skipped (--fast-seed) | |`

  const section = `## Books and dashboards at platform size (\`bun run bench:scale\`)

One big shop with ${fmt(MEMBERS)} members and ${fmt(ENTRIES)} awarded sales, earn entries and lots (consistent: every balance equals its ledger sum; ledger ${sizes!.ledger}, lots ${sizes!.lots} with indexes), plus a small shop (${arg['small-members']} members, ${arg['small-entries']} sales), seeded in SQL. Real HTTP app, signed-in owner (Bearer), one request at a time, the pages round-robin (10 rounds of warm-up first), real Postgres ${pg!.v} as the app role with row-level security on. Seeding took ${sec(seedMs)}${arg['fast-seed'] ? ' with secondary indexes dropped and rebuilt after' : ' with every index in place'}; then \`VACUUM ANALYZE\` (${sec(vacuumMs)}), the worker's first flow rollup (${fmt(rolled.entries)} entries, ${sec(rollupMs)})${booksOnly ? '' : ` and its first activity rollup for the analytics (${fmt(activity.visits)} visits, ${sec(activityMs)})`}.

${
  booksOnly
    ? "The big shop's pages were not timed in this run (`--books-only`): the page targets are at 1M sales / 100k members, in the section above."
    : `| big shop | requests | p50 | p95 |
|---|---:|---:|---:|
${rows.join('\n')}`
}

${
  booksOnly
    ? ''
    : `| CSV export (streamed, \`/api/v1/merchant/exports/*.csv\`) | rows | size | time | rows/s | RSS growth while streaming |
|---|---:|---:|---:|---:|---:|
${exportRows.join('\n')}`
}

| reconciliation over ${fmt(ENTRIES + Number(arg['small-entries']))} entries | time | × bare sum |
|---|---:|---:|
| bare \`select wallet_id, sum(points) from ledger_entries group by wallet_id\` (best of 2: ${bares.map(sec).join(', ')}) | ${sec(bareMs)} | 1.0 |
| full run, every shop (${fmt(full.walletsChecked)} wallets, ${full.findings.length} findings; best of 2: ${fulls.map(sec).join(', ')}) | ${sec(fullMs)} | ${(fullMs / bareMs).toFixed(2)} |
| full run while the small shop's pages are served (the second lane gives way) | ${sec(besideMs)} | ${(besideMs / bareMs).toFixed(2)} |
| one shop: the big one (${fmt(one.walletsChecked)} wallets) | ${sec(oneMs)} | ${(oneMs / bareMs).toFixed(2)} |
| one shop: the small one (${fmt(smallRun.walletsChecked)} wallets) | ${sec(smallRunMs)} | — |

| small shop's pages (overview, members, transactions, round-robin) | requests | p50 | p95 |
|---|---:|---:|---:|
${iso('before the big shop exists', smallBefore)}
${iso('while the big shop is seeded', smallDuringSeed)}
${iso('while every shop is reconciled', smallDuringRecon)}
${iso('after, beside the big shop', smallAfter)}

Load average (1/5/15 min) at start ${load0.map((l) => l.toFixed(1)).join(' / ')}, at end ${load1.map((l) => l.toFixed(1)).join(' / ')}: a load above the core count means other work shared the machine (absolute times are then pessimistic); the ratios come from the same run, and \`/merchant/transactions\` (code this work did not change; 32 ms p95 on a quiet machine in issue 18) shows how loaded the machine was.`
  console.log(section)
  if (!arg['no-write']) writeSection(`scale-${ENTRIES >= 1_000_000 ? `${ENTRIES / 1_000_000}m` : ENTRIES}`, section)
} finally {
  server.stop()
  await raw.end()
  await owner.end()
  await deps.close()
  await db.drop()
}
process.exit(0)
