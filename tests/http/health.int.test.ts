import { afterAll, describe, expect, test } from 'bun:test'
import { parseConfig } from '../../src/config'
import { createApp } from '../../src/http/app'
import { buildDeps } from '../../src/app-deps'
import { useFreshDatabase } from '../helpers/db'
import { tcpProxy } from '../helpers/tcp-proxy'

const getDb = useFreshDatabase()
const pgProxy = tcpProxy({ host: '127.0.0.1', port: 5432 })
const redisProxy = tcpProxy({ host: '127.0.0.1', port: 6379 })
afterAll(() => {
  pgProxy.close()
  redisProxy.close()
})

async function appThroughProxies() {
  const url = new URL(getDb().url)
  url.port = String(pgProxy.port)
  const config = parseConfig({
    ...process.env,
    APP_ENV: 'test',
    DATABASE_URL: url.toString(),
    REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
    DATABASE_CONNECT_TIMEOUT_S: '1',
  })
  const deps = await buildDeps(config, { queuePrefix: `test_health_${getDb().name}` })
  return { deps, app: createApp(deps) }
}

async function ready(app: ReturnType<typeof createApp>) {
  const res = await app.handle(new Request('http://localhost/health/ready'))
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string> } }
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  let last = await fn()
  while (!ok(last) && Date.now() < end) {
    await Bun.sleep(200)
    last = await fn()
  }
  return last
}

describe('health', () => {
  test('live answers 200 and ready reports both dependencies ok', async () => {
    const { deps, app } = await appThroughProxies()
    const live = await app.handle(new Request('http://localhost/health/live'))
    expect(live.status).toBe(200)
    expect(await ready(app)).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'ok', redis: 'ok' } } })
    await deps.close()
  })

  test('Redis going away turns ready to 503 naming redis, and it recovers on its own', async () => {
    const { deps, app } = await appThroughProxies()
    expect((await ready(app)).status).toBe(200)
    redisProxy.stop()
    const down = await eventually(
      () => ready(app),
      (r) => r.status === 503,
    )
    expect(down.status).toBe(503)
    expect(down.body.checks).toEqual({ database: 'ok', redis: 'fail' })
    redisProxy.start()
    const back = await eventually(
      () => ready(app),
      (r) => r.status === 200,
    )
    expect(back.body.checks).toEqual({ database: 'ok', redis: 'ok' })
    await deps.close()
  }, 40_000)

  test('Postgres going away turns ready to 503 naming the database, and it recovers on its own', async () => {
    const { deps, app } = await appThroughProxies()
    expect((await ready(app)).status).toBe(200)
    pgProxy.stop()
    const down = await eventually(
      () => ready(app),
      (r) => r.status === 503,
    )
    expect(down.body.checks).toEqual({ database: 'fail', redis: 'ok' })
    pgProxy.start()
    const back = await eventually(
      () => ready(app),
      (r) => r.status === 200,
    )
    expect(back.body.checks.database).toBe('ok')
    await deps.close()
  }, 40_000)

  test('while draining, ready answers 503 and says so', async () => {
    const { deps, app } = await appThroughProxies()
    deps.lifecycle.draining = true
    const r = await ready(app)
    expect(r.status).toBe(503)
    expect(r.body.checks.shutdown).toBe('draining')
    await deps.close()
  })
})
