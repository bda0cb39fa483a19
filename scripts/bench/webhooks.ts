// bench:webhooks — how fast a signed Square webhook is acknowledged (api-v1: "well under
// 200 ms") and how long until its points are in the wallet, with the real app, workers,
// Postgres and Redis on this machine. Fires BENCH_EVENTS deliveries, BENCH_CONCURRENCY at once.
import { startWorkers } from '../../jobs/worker'
import { parseConfig } from '../../src/config'
import { createApp } from '../../src/http/app'
import { buildDeps } from '../../src/app-deps'
import { asSystem } from '../../src/infra/scope'
import { linkMerchantManually } from '../../src/pos/ingest'
import { posTransactions } from '../../src/pos/pos.schema'
import { createTenant } from '../../src/onboarding'
import { squareWebhookHeaders } from '../../tests/fakes'
import { freshDatabase } from './fresh-db'
import { percentile, writeSection } from './report'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)
const KEY = 'bench-square-key'
const NOTIFY_URL = 'https://bench.salesarck.test/webhooks/square'

const db = await freshDatabase()
const config = parseConfig({
  ...process.env,
  APP_ENV: 'test',
  LOG_LEVEL: 'warn',
  DATABASE_URL: db.url,
  DATABASE_POOL_MAX: '20',
  SQUARE_WEBHOOK_SIGNATURE_KEY: KEY,
  SQUARE_WEBHOOK_URL: NOTIFY_URL,
  RATE_LIMIT_PUBLIC_PER_IP: '1000000',
})
const deps = await buildDeps(config, { queuePrefix: `bench${process.pid}` })
const server = createApp(deps).listen({ port: 0, hostname: '127.0.0.1' })
const base = `http://127.0.0.1:${server.server?.port}`
const workers = await startWorkers(deps, { concurrency: 8 })

try {
  const tenant = await createTenant(
    deps.dbh.db,
    'bench',
    { name: 'Bench Café', slug: 'bench-cafe', owner_email: 'owner@bench.test' },
    new Date(),
  )
  await linkMerchantManually(deps, 'bench', { tenantId: tenant.id, provider: 'square', externalMerchantId: 'BENCHM1' })
  const bodies = Array.from({ length: EVENTS }, (_, i) => {
    const id = `benchpay${i}`
    const at = new Date().toISOString()
    const payment = {
      id,
      created_at: at,
      amount_money: { amount: 500 + (i % 3000), currency: 'USD' },
      total_money: { amount: 500 + (i % 3000), currency: 'USD' },
      status: 'COMPLETED',
      source_type: 'CARD',
      buyer_email_address: `guest${i % 500}@bench.test`,
    }
    return JSON.stringify({
      merchant_id: 'BENCHM1',
      type: 'payment.updated',
      event_id: `evt-${id}`,
      created_at: at,
      data: { type: 'payment', id, object: { payment } },
    })
  })
  const ack: number[] = []
  let next = 0
  let non200 = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!
        const s = performance.now()
        const r = await fetch(`${base}/webhooks/square`, {
          method: 'POST',
          headers: squareWebhookHeaders(body, KEY, NOTIFY_URL),
          body,
        })
        await r.arrayBuffer()
        if (r.status !== 200) non200++
        ack.push(performance.now() - s)
        if (ack.length % Math.ceil(EVENTS / 5) === 0) console.log(`  acknowledged ${ack.length}/${EVENTS}`)
      }
    }),
  )
  const receiveSeconds = (performance.now() - t0) / 1000
  let awarded = 0
  while (awarded < EVENTS && performance.now() - t0 < 300_000) {
    await Bun.sleep(250)
    awarded = (await asSystem(deps.dbh.db, (tx) => tx.select({ id: posTransactions.id }).from(posTransactions))).length
    console.log(`  processed ${awarded}/${EVENTS}`)
  }
  const allSeconds = (performance.now() - t0) / 1000
  ack.sort((a, b) => a - b)
  const rss = process.memoryUsage().rss / 2 ** 20
  console.log(
    `ack p50 ${percentile(ack, 50).toFixed(1)} ms, p99 ${percentile(ack, 99).toFixed(1)} ms; ${Math.round(EVENTS / receiveSeconds)} webhooks/s; all processed in ${allSeconds.toFixed(1)} s`,
  )
  writeSection(
    'webhooks',
    `## Webhook receipt and processing (\`bun run bench:webhooks\`)

${EVENTS} signed Square \`payment.updated\` deliveries, ${CONCURRENCY} concurrent, over HTTP to one in-process app (ROLE=all, 8 worker slots), real Postgres 15 and Redis.

| measure | value |
|---|---:|
| acknowledgement p50 | ${percentile(ack, 50).toFixed(1)} ms |
| acknowledgement p95 | ${percentile(ack, 95).toFixed(1)} ms |
| acknowledgement p99 | ${percentile(ack, 99).toFixed(1)} ms |
| acknowledgement max | ${ack[ack.length - 1]!.toFixed(1)} ms |
| receipt throughput | ${Math.round(EVENTS / receiveSeconds)} webhooks/s |
| non-200 answers | ${non200} |
| all ${EVENTS} sales credited after | ${allSeconds.toFixed(1)} s (${Math.round(EVENTS / allSeconds)} sales/s end to end) |
| process RSS at the end | ${rss.toFixed(0)} MiB |`,
  )
} finally {
  await workers.close()
  await server.stop()
  for (const name of ['maintenance', 'notifications', 'redemptions', 'pos-events', 'connections'] as const)
    await deps.queues
      .get(name)
      .obliterate({ force: true })
      .catch(() => {})
  await deps.close()
  await db.drop()
}
process.exit(0)
