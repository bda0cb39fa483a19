// bench:ledger — throughput and latency of the ledger's money paths on real Postgres: earning
// into many wallets, redeeming spread over many wallets, and redeeming from ONE wallet under
// contention (where the guarded UPDATE and row lock serialise writers).
import { parseConfig } from '../../src/config'
import { buildDeps } from '../../src/app-deps'
import { inTenant } from '../../src/infra/scope'
import { earn, ensureWallet, issueRedemption } from '../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { createTenant } from '../../src/onboarding'
import { freshDatabase } from './fresh-db'
import { percentile, writeSection } from './report'

const WALLETS = Number(process.env.BENCH_WALLETS ?? 200)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)

const db = await freshDatabase()
const config = parseConfig({
  ...process.env,
  APP_ENV: 'test',
  LOG_LEVEL: 'warn',
  DATABASE_URL: db.url,
  DATABASE_POOL_MAX: '20',
})
const deps = await buildDeps(config, { queuePrefix: `benchl${process.pid}` })

async function timed(label: string, n: number, work: (i: number) => Promise<unknown>) {
  const lat: number[] = []
  let next = 0
  let failed = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++
        const s = performance.now()
        await work(i).catch(() => failed++)
        lat.push(performance.now() - s)
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  lat.sort((a, b) => a - b)
  console.log(
    `${label}: ${Math.round(n / seconds)}/s, p50 ${percentile(lat, 50).toFixed(1)} ms, p99 ${percentile(lat, 99).toFixed(1)} ms, refused ${failed}`,
  )
  return `| ${label} | ${n} | ${Math.round(n / seconds)} | ${percentile(lat, 50).toFixed(1)} ms | ${percentile(lat, 99).toFixed(1)} ms | ${failed} |`
}

try {
  const tenant = await createTenant(
    deps.dbh.db,
    'bench',
    { name: 'Bench Café', slug: 'bench-ledger', owner_email: 'owner@bench.test' },
    new Date(),
  )
  const scope = { tenantId: tenant.id }
  const walletIds: string[] = []
  for (let i = 0; i < WALLETS; i++) {
    walletIds.push(
      await inTenant(
        deps.dbh.db,
        scope,
        async (tx) =>
          (
            await ensureWallet(
              tx,
              scope,
              (
                await findOrCreateMemberByIdentity(tx, scope, { email: `m${i}@bench.test` })
              ).id,
            )
          ).id,
      ),
    )
  }
  const rows: string[] = []
  rows.push(
    await timed('earn into 200 wallets', WALLETS * 10, (i) =>
      inTenant(deps.dbh.db, scope, (tx) =>
        earn(tx, scope, {
          walletId: walletIds[i % WALLETS]!,
          points: 50,
          referenceType: 'bench',
          referenceId: `e${i}`,
          ruleVersionId: null,
          explanation: 'bench',
        }),
      ),
    ),
  )
  rows.push(
    await timed('redeem across 200 wallets', WALLETS * 5, (i) =>
      inTenant(deps.dbh.db, scope, (tx) =>
        issueRedemption(tx, scope, {
          walletId: walletIds[i % WALLETS]!,
          points: 10,
          shopName: 'Bench',
          now: new Date(),
        }),
      ),
    ),
  )
  rows.push(
    await timed('redeem from one wallet (contention)', 500, () =>
      inTenant(deps.dbh.db, scope, (tx) =>
        issueRedemption(tx, scope, { walletId: walletIds[0]!, points: 1, shopName: 'Bench', now: new Date() }),
      ),
    ),
  )
  writeSection(
    'ledger',
    `## Ledger money paths (\`bun run bench:ledger\`)

Front-door calls (one tenant transaction each, RLS on), ${CONCURRENCY} concurrent, pool of 20, real Postgres 15. "Refused" counts business refusals such as insufficient points, which are expected once a wallet runs dry.

| operation | calls | per second | p50 | p99 | refused |
|---|---:|---:|---:|---:|---:|
${rows.join('\n')}`,
  )
} finally {
  await deps.close()
  await db.drop()
}
process.exit(0)
