// bench:ingest — webhook ingestion at lunch rush (issue 11, ADR 0019). In one run, on one fresh
// database, real Postgres and Redis:
//   1. steady traffic: BENCH_STEADY_RATE deliveries/s for BENCH_STEADY_S seconds from this process;
//      receipt → points latency (ack to the sale's points being visible), what is pending 1 s
//      after the last delivery, and the app's RSS.
//   2. acknowledgement: wrk (another process, BENCH_CONNECTIONS connections, unique signed Square
//      deliveries) against a bare receiver (Bun.serve + HMAC + one INSERT) and against the real
//      app (src/server.ts, ROLE=web, then ROLE=all, default settings) in alternating rounds.
//   3. the same app draining the burst it just acknowledged (receipt → points).
// Writes the "ingest" section of docs/BENCHMARKS.md.
import { rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { parseConfig } from '../../src/config'
import { buildDeps } from '../../src/app-deps'
import { execRows } from '../../src/infra/db'
import { createQueues, queueNames } from '../../src/infra/queue'
import { asSystem } from '../../src/infra/scope'
import { linkMerchantManually } from '../../src/pos/ingest'
import { createTenant } from '../../src/onboarding'
import { signSquareWebhook } from '../../tests/fakes'
import { freshDatabase } from './fresh-db'
import { assertWrk, runWrk, type WrkResult } from './ingest/wrk'
import { percentile, writeSection } from './report'

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const MERCHANTS = Number(process.env.BENCH_MERCHANTS ?? 20)
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 200)
const STEADY_S = Number(process.env.BENCH_STEADY_S ?? 20)
const THREADS = 2
/**
 * Unique deliveries per wrk thread and run: more than a receiver can take in SECONDS here (the
 * bare one took 16k/s on a 2-core Xeon). Past them wrk replays, and the table says how many.
 */
const PER_THREAD = Number(process.env.BENCH_DELIVERIES_PER_THREAD ?? 120_000)
const KEY = 'bench-square-key'
const NOTIFY_URL = 'https://bench.salesarck.test/webhooks/square'
const root = new URL('../..', import.meta.url).pathname
const work = join(tmpdir(), `bench-ingest-${process.pid}`)

assertWrk()
const loadBefore = loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ')
const db = await freshDatabase()
const config = parseConfig({ ...process.env, APP_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: db.url })
const deps = await buildDeps(config, { queuePrefix: `benchseed${process.pid}` })
const prefixes: string[] = []
const children = new Set<ReturnType<typeof Bun.spawn>>()

const delivery = (run: string, i: number) => {
  const id = `${run}-${i}`
  const at = new Date().toISOString()
  const amount = 500 + (i % 3000)
  const payment = {
    id,
    created_at: at,
    amount_money: { amount, currency: 'USD' },
    total_money: { amount, currency: 'USD' },
    status: 'COMPLETED',
    source_type: 'CARD',
    buyer_email_address: `guest${i % 500}@bench.test`,
  }
  const body = JSON.stringify({
    merchant_id: `BENCHM${i % MERCHANTS}`,
    type: 'payment.updated',
    event_id: `evt-${id}`,
    created_at: at,
    data: { type: 'payment', id, object: { payment } },
  })
  return { eventId: `evt-${id}`, body, signature: signSquareWebhook(body, KEY, NOTIFY_URL) }
}

/** One file per wrk thread of "<signature>\t<body>" lines; returns the prefix deliveries.lua reads. */
function writeDeliveries(run: string, perThread: number): string {
  const prefix = join(work, run)
  for (let t = 0; t < THREADS; t++) {
    const lines: string[] = []
    for (let i = 0; i < perThread; i++) {
      const d = delivery(`${run}t${t}`, i)
      lines.push(`${d.signature}\t${d.body}`)
    }
    writeFileSync(`${prefix}-${t}.txt`, `${lines.join('\n')}\n`)
  }
  return prefix
}

async function freePort(): Promise<number> {
  const s = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } })
  const port = s.port
  s.stop(true)
  return port
}

async function spawnProcess(
  cmd: string[],
  env: Record<string, string>,
  readyPath: string,
): Promise<{ base: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort()
  const proc = Bun.spawn(cmd, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdout: 'ignore',
    stderr: 'inherit',
    stdin: 'ignore',
  })
  children.add(proc)
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}${readyPath}`).then(
      (r) => r.status < 500,
      () => false,
    )
    if (ok) break
    await Bun.sleep(100)
  }
  return {
    base,
    pid: proc.pid,
    async stop() {
      proc.kill('SIGTERM')
      await proc.exited
      children.delete(proc)
    },
  }
}

const startBare = () =>
  spawnProcess(
    ['bun', 'scripts/bench/ingest/bare-receiver.ts'],
    { BARE_DATABASE_URL: db.ownerUrl, SQUARE_WEBHOOK_SIGNATURE_KEY: KEY, SQUARE_WEBHOOK_URL: NOTIFY_URL },
    '/',
  )

function startApp(role: 'all' | 'web') {
  const prefix = `benchapp${process.pid}x${prefixes.length}`
  prefixes.push(prefix)
  // Production-like: default pool, rate limits and log level; only the test secrets differ.
  return spawnProcess(
    ['bun', 'src/server.ts'],
    {
      APP_ENV: 'test',
      ROLE: role,
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      REDIS_PREFIX: prefix,
      SQUARE_WEBHOOK_SIGNATURE_KEY: KEY,
      SQUARE_WEBHOOK_URL: NOTIFY_URL,
    },
    '/health/ready',
  )
}

/** Highest resident set size of a process while `during` runs, sampled every 250 ms. */
async function peakRss<T>(pid: number, during: Promise<T>): Promise<{ value: T; rssMiB: number }> {
  let peak = 0
  let running = true
  const sampler = (async () => {
    while (running) {
      const status = await Bun.file(`/proc/${pid}/status`)
        .text()
        .catch(() => '')
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      peak = Math.max(peak, kb / 1024)
      await Bun.sleep(250)
    }
  })()
  const value = await during
  running = false
  await sampler
  return { value, rssMiB: peak }
}

/** Children, queues, files and the database go, also when the run is interrupted. */
let cleaned = false
async function cleanUp() {
  if (cleaned) return
  cleaned = true
  for (const c of children) c.kill('SIGKILL')
  for (const prefix of [...prefixes, `benchseed${process.pid}`]) {
    const q = createQueues(deps.redis, prefix)
    for (const name of queueNames)
      await q
        .get(name)
        .obliterate({ force: true })
        .catch(() => {})
    await q.close()
  }
  rmSync(work, { recursive: true, force: true })
  await deps.close()
  await db.drop()
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void cleanUp().finally(() => process.exit(130)))

const system = <T>(q: ReturnType<typeof sql>) => asSystem(deps.dbh.db, (tx) => execRows<T>(tx, q))
const pendingCount = async () =>
  (await system<{ n: number }>(sql`select count(*)::int as n from webhook_events where status = 'received'`))[0]!.n

try {
  await Bun.$`mkdir -p ${work}`.quiet()
  for (let m = 0; m < MERCHANTS; m++) {
    const tenant = await createTenant(
      deps.dbh.db,
      'bench',
      { name: `Bench Café ${m}`, slug: `bench-cafe-${m}`, owner_email: `owner${m}@bench.test` },
      new Date(),
    )
    await linkMerchantManually(deps, 'bench', {
      tenantId: tenant.id,
      provider: 'square',
      externalMerchantId: `BENCHM${m}`,
    })
  }
  const pg = (await execRows<{ v: string }>(deps.dbh.db, sql`select current_setting('server_version') as v`))[0]!.v
  const redis = /redis_version:(\S+)/.exec(await deps.redis.info('server'))?.[1] ?? '?'

  // 1. Steady traffic at a fixed rate, sent from this process. First, on the database at rest:
  // after the bursts, the worker's five-minute rollups catch up on their 100k+ sales, and
  // whether one lands in these 20 s would depend on the wall clock.
  const appProc = await startApp('all')
  const total = STEADY_RATE * STEADY_S
  const sends = Array.from({ length: total }, (_, i) => delivery('steady', i))
  const ackAt = new Map<string, number>()
  const seenAt = new Map<string, number>()
  let non200 = 0
  let polling = true
  // A sale has its points once its row leaves 'received' (the status commits with the ledger
  // entry). Polling the small set of waiting rows, rather than every finished row, keeps the
  // poller's own cost off the database that is being measured.
  const poller = (async () => {
    while (polling) {
      const askedAt = performance.now()
      const waiting = new Set(
        (
          await system<{ e: string }>(sql`select provider_event_id as e from webhook_events where status = 'received'`)
        ).map((r) => r.e),
      )
      const now = performance.now()
      for (const [e, at] of ackAt) if (at <= askedAt && !waiting.has(e) && !seenAt.has(e)) seenAt.set(e, now)
      await Bun.sleep(20)
    }
  })()
  const steady = await peakRss(
    appProc.pid,
    (async () => {
      const t0 = performance.now()
      const inFlight: Promise<void>[] = []
      for (let i = 0; i < total; i++) {
        const due = t0 + (i * 1000) / STEADY_RATE
        const wait = due - performance.now()
        if (wait > 0) await Bun.sleep(wait)
        const d = sends[i]!
        inFlight.push(
          fetch(`${appProc.base}/webhooks/square`, {
            method: 'POST',
            body: d.body,
            headers: { 'content-type': 'application/json', 'x-square-hmacsha256-signature': d.signature },
          }).then(async (res) => {
            await res.arrayBuffer()
            if (res.status !== 200) non200++
            ackAt.set(d.eventId, performance.now())
          }),
        )
      }
      await Promise.all(inFlight)
      const lastAck = performance.now()
      await Bun.sleep(Math.max(0, lastAck + 1_000 - performance.now()))
      const pendingAfter1s = await pendingCount()
      const deadline = performance.now() + 60_000
      while (seenAt.size < total && performance.now() < deadline) await Bun.sleep(50)
      return { pendingAfter1s, sendSeconds: (lastAck - t0) / 1000 }
    })(),
  )
  polling = false
  await poller
  await appProc.stop()
  const [awarded] = await system<{ n: number }>(
    sql`select count(*)::int as n from webhook_events where provider_event_id like 'evt-steady-%' and status = 'processed'`,
  )
  const lags = sends
    .map((d) => (seenAt.get(d.eventId) ?? Number.NaN) - (ackAt.get(d.eventId) ?? Number.NaN))
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b)

  // 2 + 3. Acknowledgement, bare vs app, alternating rounds; the app drains what it acknowledged.
  type Round = {
    bare: WrkResult
    web: WrkResult
    app: WrkResult
    backlog: number
    drainS: number
    stored: number
    allProcessedS: number
    lagP50: number
    lagP95: number
    rss: number
  }
  const rounds: Round[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const warm = writeDeliveries(`w${r}`, 2_000)
    const main = writeDeliveries(`r${r}`, PER_THREAD)
    const webMain = writeDeliveries(`web${r}`, PER_THREAD)
    const bareProc = await startBare()
    await runWrk(bareProc.base, warm, { connections: CONNECTIONS, seconds: 2, threads: THREADS })
    const bare = await runWrk(bareProc.base, main, { connections: CONNECTIONS, seconds: SECONDS, threads: THREADS })
    await bareProc.stop()

    // The receipt alone: ROLE=web, no workers in the process (its rows are left unprocessed).
    const webProc = await startApp('web')
    await runWrk(webProc.base, warm, { connections: CONNECTIONS, seconds: 2, threads: THREADS })
    const web = await runWrk(webProc.base, webMain, { connections: CONNECTIONS, seconds: SECONDS, threads: THREADS })
    await webProc.stop()
    // The table owner clears the receipt-only rows (the app role may not truncate, ADR 0018).
    const owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} })
    await owner`truncate webhook_events`
    await owner.end()

    const appProc = await startApp('all')
    await runWrk(appProc.base, warm, { connections: CONNECTIONS, seconds: 2, threads: THREADS })
    while ((await pendingCount()) > 0) await Bun.sleep(100)
    const burstStart = new Date()
    const measured = await peakRss(
      appProc.pid,
      (async () => {
        const app = await runWrk(appProc.base, main, { connections: CONNECTIONS, seconds: SECONDS, threads: THREADS })
        const backlog = await pendingCount()
        const t = performance.now()
        while ((await pendingCount()) > 0 && performance.now() - t < 300_000) await Bun.sleep(50)
        return { app, backlog, drainS: (performance.now() - t) / 1000 }
      })(),
    )
    const [stats] = await system<{ stored: number; last: Date; p50: number; p95: number }>(
      sql`select count(*)::int as stored, max(processed_at) as last,
            percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at)) * 1000 as p50,
            percentile_cont(0.95) within group (order by extract(epoch from processed_at - received_at)) * 1000 as p95
          from webhook_events where received_at >= ${burstStart.toISOString()}::timestamptz and status in ('processed', 'ignored')`,
    )
    await appProc.stop()
    rounds.push({
      bare,
      web,
      ...measured.value,
      stored: stats!.stored,
      allProcessedS: (new Date(stats!.last).getTime() - burstStart.getTime()) / 1000,
      lagP50: stats!.p50,
      lagP95: stats!.p95,
      rss: measured.rssMiB,
    })
    const last = rounds[rounds.length - 1]!
    console.log(
      `round ${r + 1}: bare ${last.bare.perSecond.toFixed(0)}/s, app ${last.app.perSecond.toFixed(0)}/s (ratio ${(last.app.perSecond / last.bare.perSecond).toFixed(2)}), app p99 ${last.app.p99.toFixed(1)} ms; backlog ${last.backlog} drained in ${last.drainS.toFixed(1)} s`,
    )
    for (const prefix of [main, webMain])
      for (let t = 0; t < THREADS; t++) rmSync(`${prefix}-${t}.txt`, { force: true })
  }

  const ms = (x: number) => `${x.toFixed(1)} ms`
  const row = (label: string, f: (r: Round) => string) => `| ${label} | ${rounds.map(f).join(' | ')} |`
  const header = `| measure | ${rounds.map((_, i) => `round ${i + 1}`).join(' | ')} |\n|---|${rounds.map(() => '---:').join('|')}|`
  const ratios = rounds.map((r) => r.app.perSecond / r.bare.perSecond)
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  console.log(
    `steady ${STEADY_RATE}/s: receipt → points p50 ${ms(percentile(lags, 50))}, p95 ${ms(percentile(lags, 95))}; pending 1 s after the last delivery: ${steady.value.pendingAfter1s}; peak RSS ${steady.rssMiB.toFixed(0)} MiB`,
  )
  writeSection(
    'ingest',
    `## Webhook ingestion at lunch rush (\`bun run bench:ingest\`)

Machine: ${cpus().length} × ${cpu}; Postgres ${pg}, Redis ${redis}, Bun ${Bun.version}. The machine is shared: load average (1/5/15 min) ${loadBefore} when the run started, so absolute numbers move between runs; the ratio is measured in the same run.

**Acknowledgement.** wrk (${THREADS} threads, ${CONNECTIONS} connections, ${SECONDS} s after a 2 s warm-up) posts unique signed Square \`payment.updated\` deliveries for ${MERCHANTS} merchants. *Bare* is \`scripts/bench/ingest/bare-receiver.ts\` (Bun.serve + HMAC check + one INSERT with a unique key, pool of 10); *app* is \`src/server.ts\` with ROLE=all (workers processing at the same time; above 1,000 deliveries/s one job at a time, ADR 0019), default settings, LOG_LEVEL=info; *app ROLE=web* is the same without workers. Rounds alternate bare, web and app. Target: ratio ≥ 0.5, app ack p99 < 50 ms.

${header}
${row('bare: acknowledged per second', (r) => r.bare.perSecond.toFixed(0))}
${row('bare: ack p50 / p99', (r) => `${ms(r.bare.p50)} / ${ms(r.bare.p99)}`)}
${row('app ROLE=web (receipt only): acknowledged per second', (r) => `${r.web.perSecond.toFixed(0)} (${(r.web.perSecond / r.bare.perSecond).toFixed(2)}×)`)}
${row('app ROLE=web: ack p50 / p99', (r) => `${ms(r.web.p50)} / ${ms(r.web.p99)}`)}
${row('app: acknowledged per second', (r) => r.app.perSecond.toFixed(0))}
${row('app: ack p50 / p90 / p99', (r) => `${ms(r.app.p50)} / ${ms(r.app.p90)} / ${ms(r.app.p99)}`)}
| app / bare | ${ratios.map((x) => `**${x.toFixed(2)}×**`).join(' | ')} |
${row('replays: requests past the unique deliveries (bare / web / app)', (r) => [r.bare, r.web, r.app].map((w) => Math.max(0, w.requests - THREADS * PER_THREAD)).join(' / '))}
${row('non-2xx or socket errors (bare / web / app)', (r) => `${r.bare.non2xx + r.bare.errors} / ${r.web.non2xx + r.web.errors} / ${r.app.non2xx + r.app.errors}`)}
${row('app: sales stored in the burst', (r) => String(r.stored))}
${row('app: backlog when the burst ended', (r) => String(r.backlog))}
${row('app: backlog drained in', (r) => `${r.drainS.toFixed(1)} s`)}
${row('app: sales processed per second (burst start → last processed)', (r) => (r.stored / r.allProcessedS).toFixed(0))}
${row('app: receipt → processed p50 / p95 (database clocks)', (r) => `${ms(r.lagP50)} / ${ms(r.lagP95)}`)}
${row('app: peak RSS', (r) => `${r.rss.toFixed(0)} MiB`)}

**Steady traffic.** ${STEADY_RATE} deliveries/s for ${STEADY_S} s (${total} sales, ${MERCHANTS} merchants) from the bench process to a fresh app (ROLE=all), before the bursts (after them, the worker's five-minute rollups catch up on their 100k+ sales, and whether one lands in the 20 s would depend on the wall clock); "points" = the sale's row is processed, which commits together with its ledger entry, seen by polling every 20 ms. Targets: p95 < 250 ms, nothing pending 1 s after the last delivery, RSS < 300 MiB.

| measure | value |
|---|---:|
| sent in | ${steady.value.sendSeconds.toFixed(1)} s (non-200: ${non200}) |
| receipt → points p50 | ${ms(percentile(lags, 50))} |
| receipt → points p95 | ${ms(percentile(lags, 95))} |
| receipt → points p99 | ${ms(percentile(lags, 99))} |
| sales with points (rows processed) | ${awarded!.n} of ${total} |
| pending 1 s after the last delivery | ${steady.value.pendingAfter1s} |
| app peak RSS | ${steady.rssMiB.toFixed(0)} MiB |`,
  )
} finally {
  await cleanUp()
}
process.exit(0)
