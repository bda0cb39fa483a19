// Runs the real server as a child process at debug level, drives sign-in and a few failing
// requests with personal data through it, then greps everything it printed: no phone number,
// email, one-time code, token or signature may appear.
import { describe, expect, test } from 'bun:test'
import { useFreshDatabase } from '../helpers/db'
import { startServer } from '../helpers/process'

const getDb = useFreshDatabase()

const EMAIL = 'Priya.Raman+loyalty@example.org'
const PHONE_RAW = '+1 (415) 555-0199'
const PHONE = '+14155550199'

type Outbox = { to: string; body: string }[]

describe('logs carry no personal data', () => {
  test('a whole sign-in, refresh and logout leaves no PII, code or token in the logs', async () => {
    const server = await startServer({
      APP_ENV: 'test',
      DATABASE_URL: getDb().url,
      LOG_LEVEL: 'debug',
      ROLE: 'all',
      ADMIN_EMAILS: 'priya.raman+loyalty@example.org',
    })
    const secrets: string[] = [EMAIL.toLowerCase(), EMAIL, PHONE, '4155550199']
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify(body),
      })
    try {
      for (const destination of [EMAIL, PHONE_RAW]) {
        expect((await post('/api/v1/auth/otp', { destination })).status).toBe(202)
        const outbox = (await (await fetch(`${server.base}/dev/outbox.json`)).json()) as Outbox
        const code = /\b(\d{6})\b/.exec(outbox[0]!.body)![1]!
        secrets.push(code)
        // A wrong code first: failure paths log too.
        expect(
          (await post('/api/v1/auth/verify', { destination, code: code === '000000' ? '111111' : '000000' })).status,
        ).toBe(401)
        const verified = await post('/api/v1/auth/verify', { destination, code })
        expect(verified.status).toBe(200)
        const pair = (await verified.json()) as { access_token: string; refresh_token: string }
        secrets.push(pair.access_token, pair.refresh_token)
        const auth = { authorization: `Bearer ${pair.access_token}` }
        expect((await fetch(`${server.base}/api/v1/me`, { headers: auth })).status).toBe(200)
        const refreshed = await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token })
        const pair2 = (await refreshed.json()) as { access_token: string; refresh_token: string }
        secrets.push(pair2.access_token, pair2.refresh_token)
        expect((await post('/api/v1/auth/logout', {}, { authorization: `Bearer ${pair2.access_token}` })).status).toBe(
          204,
        )
        // Presenting the rotated token again is refused (and logged, without the token).
        expect((await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token })).status).toBe(401)
      }
      // Bad input carrying PII, including in the query string and headers.
      await post('/api/v1/auth/verify', { destination: EMAIL, code: 'abc' })
      await fetch(
        `${server.base}/api/v1/admin/consumers?email=${encodeURIComponent(EMAIL)}&phone=${encodeURIComponent(PHONE)}`,
        { headers: { authorization: 'Bearer not.a.token', 'x-request-id': 'redaction-test' } },
      )
      await post(
        '/webhooks/square',
        { merchant_id: 'M1', email: EMAIL },
        { 'x-square-hmacsha256-signature': 'forged-signature-value' },
      )
    } finally {
      server.proc.kill('SIGTERM')
      await server.exited
    }
    const logs = server.output()
    expect(logs).toContain('"msg":"request"') // the access log really ran at this level
    expect(logs).toContain('redaction-test')
    const leaked = secrets.filter((s) => logs.includes(s))
    expect(leaked).toEqual([])
    expect(logs).not.toContain('forged-signature-value')
  }, 60_000)
})
