// Builds the real app on a fresh database and a private queue prefix, for in-process tests.
import { afterAll, beforeAll } from 'bun:test'
import { type Config, parseConfig } from '../../src/config'
import { createApp } from '../../src/http/app'
import { buildDeps } from '../../src/app-deps'
import type { AppDeps } from '../../src/infra/deps'
import { queueNames } from '../../src/infra/queue'
import { useFreshDatabase } from './db'

export type TestApp = {
  deps: AppDeps
  app: ReturnType<typeof createApp>
  config: Config
  /** app.handle with a localhost base URL (short hosts 404 in Elysia, stack-notes §7). */
  request(path: string, init?: RequestInit): Promise<Response>
  json<T = unknown>(
    path: string,
    init?: Omit<RequestInit, 'body'> & { body?: unknown },
  ): Promise<{ status: number; body: T; headers: Headers }>
}

export function useTestApp(env: Record<string, string> = {}): () => TestApp {
  const getDb = useFreshDatabase()
  let t: (TestApp & { close(): Promise<void> }) | undefined
  beforeAll(async () => {
    const config = parseConfig({ ...process.env, APP_ENV: 'test', DATABASE_URL: getDb().url, ...env })
    const deps = await buildDeps(config, { queuePrefix: `test_${getDb().name}` })
    const app = createApp(deps)
    const request = (path: string, init?: RequestInit) => app.handle(new Request(`http://localhost${path}`, init))
    t = {
      deps,
      app,
      config,
      request,
      async json(path, init = {}) {
        const headers = new Headers(init.headers)
        let body = init.body as BodyInit | undefined
        if (init.body !== undefined && typeof init.body !== 'string') {
          headers.set('content-type', 'application/json')
          body = JSON.stringify(init.body)
        }
        if (!headers.has('accept')) headers.set('accept', 'application/json')
        const res = await request(path, { ...init, headers, body })
        const text = await res.text()
        return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as never }
      },
      async close() {
        for (const q of [...queueNames.map((n) => deps.queues.get(n)), deps.queues.deadLetter])
          await q.obliterate({ force: true }).catch(() => {})
        await deps.queues.close()
        await deps.live.close()
        deps.redis.disconnect()
      },
    }
  }, 60_000)
  // Obliterating the queues and closing Redis can take seconds on a loaded machine.
  afterAll(async () => {
    await t?.close()
  }, 30_000)
  return () => {
    if (!t) throw new Error('useTestApp: not ready')
    return t
  }
}
