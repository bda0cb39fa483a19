// NUL and other control characters used to reach Postgres and answer 500, and the error line
// carried the query's parameters, the plain sign-in code among them (issue 12 item 6). Runs the
// real server, sends them in bodies, query strings and path params, then greps its output.
import { describe, expect, test } from 'bun:test'
import { useFreshDatabase } from '../helpers/db'
import { startServer } from '../helpers/process'

const getDb = useFreshDatabase()

const EMAIL = 'nul.tester@example.org'
type ErrorBody = { error: { code: string; message: string; request_id: string; fields?: Record<string, string> } }

describe('control characters are refused at the edge', () => {
  test('NUL in a body, a query string and a path param is a 400 in the documented shape, and the log leaks nothing', async () => {
    const server = await startServer({ APP_ENV: 'test', DATABASE_URL: getDb().url, LOG_LEVEL: 'debug', ROLE: 'web' })
    const secrets: string[] = [EMAIL, 'a\\u0000b@x.test', 'b@x.test']
    const send = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
      fetch(`${server.base}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          accept: 'application/json',
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
        ...(init.body === undefined
          ? {}
          : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
      })
    const refused = async (res: Response, field: string) => {
      expect(res.status).toBe(400)
      const body = (await res.json()) as ErrorBody
      expect(body.error.code).toBe('validation_failed')
      expect(body.error.request_id).toBe(res.headers.get('x-request-id')!)
      expect(body.error.fields).toEqual({ [field]: 'contains a control character' })
    }
    try {
      // A real sign-in first, so there is a code in the outbox the log could have carried.
      expect((await send('/api/v1/auth/otp', { body: { destination: EMAIL } })).status).toBe(202)
      const outbox = (await (await fetch(`${server.base}/dev/outbox.json`)).json()) as { body: string }[]
      const code = /\b(\d{6})\b/.exec(outbox[0]!.body)![1]!
      secrets.push(code)
      const verified = await send('/api/v1/auth/verify', { body: { destination: EMAIL, code } })
      const { access_token } = (await verified.json()) as { access_token: string }
      secrets.push(access_token)
      const auth = { authorization: `Bearer ${access_token}` }

      await refused(await send('/api/v1/auth/otp', { body: { destination: 'a\u0000b@x.test' } }), 'body.destination')
      await refused(
        await send('/api/v1/auth/verify', { body: { destination: EMAIL, code: `${code}\u0000` } }),
        'body.code',
      )
      await refused(await send('/api/v1/consumer/wallets/wal%00x/entries', { headers: auth }), 'params.walletId')
      await refused(await send('/api/v1/consumer/redemptions/red%00x', { headers: auth }), 'params.redemptionId')
      await refused(
        await send('/api/v1/consumer/redemptions', { headers: auth, body: { wallet_id: 'wal_\u0007', points: 1 } }),
        'body.wallet_id',
      )
      await refused(await send('/webhooks/squ%00are', { body: '{}' }), 'params.provider')
      await refused(await send('/signin?as=consumer&next=%2Fwallets%00'), 'query.next')
      // Half a surrogate pair cannot be stored in jsonb either; it is malformed text all the same.
      await refused(await send('/api/v1/auth/otp', { body: '{"destination":"\\ud800@x.test"}' }), 'body.destination')
      // Ordinary whitespace in free text is still welcome.
      expect((await send('/api/v1/auth/otp', { body: { destination: ` ${EMAIL}\n` } })).status).not.toBe(400)
    } finally {
      server.proc.kill('SIGTERM')
      await server.exited
    }
    const logs = server.output()
    expect(logs).toContain('"msg":"request"')
    expect(logs).not.toContain('"level":50') // nothing reached the error path
    expect(secrets.filter((s) => logs.includes(s))).toEqual([])
  }, 60_000)
})
