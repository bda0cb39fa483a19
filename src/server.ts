// Composition root. ROLE=web serves HTTP, ROLE=worker runs queues, ROLE=all (default) both,
// so one image scales out as separate Fly process groups.
import { startWorkers } from '../jobs/worker'
import { ConfigError, parseConfig } from './config'
import { buildDeps } from './app-deps'
import { devRedisPrefix } from './infra/dev-namespace'
import { ensureDevRedis } from './infra/dev-redis'
import { log } from './infra/logger'
import { migrateDatabase } from './infra/migrate-database'
import { runtimeRoleProblems } from './infra/runtime-role'
import { installShutdown } from './infra/shutdown'
import { createApp } from './http/app'
import { createMetricsApp, createOpsApp } from './http/ops-app'
import { DEMO, seedDemo } from './demo/seed'

async function main() {
  let config: ReturnType<typeof parseConfig>
  try {
    config = parseConfig(process.env)
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      process.exit(1)
    }
    throw e
  }
  const isDev = config.APP_ENV === 'development'
  // Each development data folder gets its own Redis namespace unless one is set explicitly.
  if (isDev && !process.env.REDIS_PREFIX)
    config = Object.freeze({ ...config, REDIS_PREFIX: devRedisPrefix(config.DATA_DIR) })
  if (isDev) log.info({ redisPrefix: config.REDIS_PREFIX }, 'redis namespace')
  const devRedis = isDev ? await ensureDevRedis(config.REDIS_URL, config.DATA_DIR) : null
  const deps = await buildDeps(config)

  // Production migrates in Fly's release command; development migrates (and seeds) on start,
  // as the owner role when one is configured (PGlite is one connection: its own handle).
  if (isDev && config.DATABASE_URL && config.DATABASE_MIGRATION_URL)
    await migrateDatabase({ migrationUrl: config.DATABASE_MIGRATION_URL, runtimeUrl: config.DATABASE_URL })
  else if (isDev) await deps.dbh.migrate()
  if (isDev) await seedDemo(deps)
  if (config.isProduction) {
    const problems = await runtimeRoleProblems(deps.dbh)
    if (problems.length) {
      console.error(`Refusing to start: row-level security would not apply to DATABASE_URL: ${problems.join('; ')}`)
      await deps.close()
      process.exit(1)
    }
  }

  // Workers serve only health and metrics on the same port, for Fly checks and scraping.
  const app = (config.ROLE === 'worker' ? createOpsApp(deps) : createApp(deps)).listen({
    port: config.PORT,
    hostname: '0.0.0.0',
  })
  // '::' so the private network's IPv6 address (Fly's 6PN, where the scraper comes from) answers.
  const metricsApp =
    config.METRICS_PORT === undefined
      ? null
      : createMetricsApp(deps).listen({ port: config.METRICS_PORT, hostname: '::' })
  const stopHttp = async () => {
    await Promise.all([app.stop(false), metricsApp?.stop(false)]) // false: let in-flight requests finish
  }
  if (metricsApp) log.info({ port: metricsApp.server?.port }, 'metrics listening')
  else if (config.isProduction)
    log.warn('METRICS_PORT is not set: /metrics is not served (it is never served on the public port in production)')
  log.info({ port: app.server?.port, role: config.ROLE }, 'http listening')
  if (isDev) printDevBanner(config.APP_BASE_URL)
  const workers = config.ROLE !== 'web' ? await startWorkers(deps) : undefined
  if (workers) log.info({ role: config.ROLE }, 'workers started')

  installShutdown({
    lifecycle: deps.lifecycle,
    stopHttp,
    closeWorkers: workers?.close,
    closeDeps: async () => {
      await deps.close()
      devRedis?.stop()
    },
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  })
}

function printDevBanner(base: string) {
  console.log(`
  SalesArck is running at ${base}
  Sign in with a one-time code (no passwords); codes appear at ${base}/dev/outbox
    admin     ${DEMO.admin}
    merchant  ${DEMO.brewhaus.owner} (Brewhaus Coffee; staff: ${DEMO.brewhaus.staff})
              ${DEMO.petal.owner} (Petal & Press)
    consumer  ${DEMO.consumer.phone} or ${DEMO.consumer.email}
  More sales: bun run demo:traffic   API: ${base}/api/docs
`)
}

await main()
