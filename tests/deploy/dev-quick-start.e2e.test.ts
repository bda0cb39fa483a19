// README's first promise: with no configuration, `bun run dev` starts the whole platform on an
// embedded database, seeds the demo and lets the demo consumer sign in and see their wallets.
// (Runs the same entry point `bun run dev` runs, without --watch, in a private data folder.)
import { afterAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../helpers/process'

const dataDir = mkdtempSync(join(tmpdir(), 'sa-dev-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('quick start', () => {
  test('zero-config development serves the landing page and a demo consumer with history', async () => {
    // No DATABASE_URL: the embedded database, migrated and seeded on start (that takes a while).
    const server = await startServer(
      { APP_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      { startTimeoutMs: 60_000 },
    )
    try {
      expect(server.output()).toContain('demo data seeded')
      expect(server.output()).toContain('+15550100001')
      expect((await fetch(`${server.base}/`)).status).toBe(200)
      const post = (path: string, body: unknown) =>
        fetch(`${server.base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      // The README's consumer is one person: the phone and the email open the same account.
      const seen: string[] = []
      for (const destination of ['+15550100001', 'ana@example.com']) {
        expect((await post('/api/v1/auth/otp', { destination })).status).toBe(202)
        const outbox = (await (await fetch(`${server.base}/dev/outbox.json`)).json()) as { to: string; body: string }[]
        const code = /\b(\d{6})\b/.exec(outbox.find((m) => m.to === destination)!.body)![1]!
        const { access_token } = (await (await post('/api/v1/auth/verify', { destination, code })).json()) as {
          access_token: string
        }
        const headers = { authorization: `Bearer ${access_token}` }
        const wallets = (await (await fetch(`${server.base}/api/v1/consumer/wallets`, { headers })).json()) as {
          tenant_name: string
          balance: number
        }[]
        expect(wallets.map((w) => w.tenant_name).sort()).toEqual(['Brewhaus Coffee', 'Petal & Press'])
        expect(wallets.every((w) => w.balance > 0)).toBe(true)
        const me = (await (await fetch(`${server.base}/api/v1/me`, { headers })).json()) as {
          user_id: string
          email: string
          phone: string
        }
        expect(me).toMatchObject({ email: 'ana@example.com', phone: '+15550100001' })
        seen.push(me.user_id)
      }
      expect(seen[0]).toBe(seen[1]!)
    } finally {
      server.proc.kill('SIGTERM')
      expect(await server.exited).toBe(0)
    }
  }, 90_000)
})
