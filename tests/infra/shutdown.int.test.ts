import { describe, expect, test } from 'bun:test'
import { useFreshDatabase } from '../helpers/db'
import { startServer } from '../helpers/process'

const getDb = useFreshDatabase()

describe('graceful shutdown', () => {
  test('SIGTERM during a slow request lets it finish, then the process exits 0', async () => {
    const server = await startServer({ APP_ENV: 'test', DATABASE_URL: getDb().url, ROLE: 'all' })
    // Fully started (workers too), so the signal cannot land while the process is still booting.
    const end = Date.now() + 15_000
    while (!server.output().includes('workers started') && Date.now() < end) await Bun.sleep(50)
    const slow = fetch(`${server.base}/dev/sleep?ms=2000`)
    await Bun.sleep(500) // the request is in flight, well inside its two seconds
    server.proc.kill('SIGTERM')
    const res = await slow
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ slept_ms: 2000 })
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('shutdown complete')
    // After shutdown nothing listens any more.
    await expect(fetch(`${server.base}/health/live`)).rejects.toThrow()
  }, 30_000)

  test('a worker-only process serves health but no portal, and stops on SIGTERM with exit 0', async () => {
    const server = await startServer({ APP_ENV: 'test', DATABASE_URL: getDb().url, ROLE: 'worker' })
    const end = Date.now() + 15_000
    while (!server.output().includes('workers started') && Date.now() < end) await Bun.sleep(50)
    expect((await fetch(`${server.base}/health/ready`)).status).toBe(200)
    expect((await fetch(`${server.base}/`)).status).toBe(404)
    server.proc.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  }, 30_000)

  test('a web-only process serves the portal and starts no workers', async () => {
    const server = await startServer({ APP_ENV: 'test', DATABASE_URL: getDb().url, ROLE: 'web' })
    expect((await fetch(`${server.base}/`)).status).toBe(200)
    server.proc.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).not.toContain('workers started')
  }, 30_000)
})
