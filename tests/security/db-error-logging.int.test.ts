// A failed query is logged as what failed and where, never with its values: drizzle's message
// and the driver's `parameters` carried the plain sign-in code and the destination (issue 12
// item 6). Uses a real failing query against Postgres and the real logger.
import { describe, expect, test } from 'bun:test'
import { Writable } from 'node:stream'
import { openDb } from '../../src/infra/db'
import { createLogger } from '../../src/infra/logger'
import { scrubString } from '../../src/infra/redact'
import { notifications } from '../../src/notify/notify.schema'
import { useFreshDatabase } from '../helpers/db'

const getDb = useFreshDatabase()

function capture() {
  const lines: string[] = []
  const logger = createLogger(
    'debug',
    new Writable({
      write: (c, _e, cb) => {
        lines.push(String(c))
        cb()
      },
    }),
  )
  return { logger, text: () => lines.join('') }
}

describe('database errors in logs', () => {
  test('a failed insert is logged with its SQLSTATE and the server message, without the parameters it carried', async () => {
    const body = 'Your SalesArck sign-in code is 480513. It expires in 10 minutes.'
    const to = 'ana\u0000.silva@example.com'
    let failure: unknown
    try {
      await getDb()
        .handle.db.insert(notifications)
        .values({ id: 'msg_nul', channel: 'email', to, subject: 'Sign-in', body, status: 'stored' })
    } catch (e) {
      failure = e
    }
    expect(failure).toBeInstanceOf(Error)
    const { logger, text } = capture()
    logger.error({ err: failure, route: '/api/v1/auth/otp' }, 'unhandled error')
    const line = JSON.parse(text()) as { err: { code: string; message: string; stack: string } }
    expect(line.err.code).toBe('22021') // character_not_in_repertoire: NUL in text
    expect(line.err.message).toMatch(/invalid byte sequence/)
    expect(line.err.stack).toContain(' at ')
    for (const leak of ['480513', 'silva', 'example.com', 'sign-in code', 'msg_nul', 'params'])
      expect(text()).not.toContain(leak)
  })

  test('a query that fails without a server error (connection gone) is logged without its parameters too', async () => {
    const h = openDb(getDb().url, { max: 1 })
    await h.ping()
    const closing = h.close()
    let failure: unknown
    try {
      await h.db.insert(notifications).values({
        id: 'msg_gone',
        channel: 'sms',
        to: '+14155550188',
        subject: null,
        body: 'Your code is 271828',
        status: 'stored',
      })
    } catch (e) {
      failure = e
    }
    await closing
    expect(failure).toBeInstanceOf(Error)
    const { logger, text } = capture()
    logger.error({ err: failure }, 'unhandled error')
    expect(text()).toContain('Failed query')
    for (const leak of ['271828', '4155550188', 'msg_gone', 'params']) expect(text()).not.toContain(leak)
  })

  test('a failed query copied into a plain object by hand still loses its parameters', async () => {
    let failure: Error | undefined
    try {
      await getDb().handle.db.insert(notifications).values({
        id: 'msg_copy',
        channel: 'email',
        to: 'x\u0000lee@example.net',
        subject: 's',
        body: 'ref 314159\nsecond line',
        status: 'stored',
      })
    } catch (e) {
      failure = e as Error
    }
    const { logger, text } = capture()
    logger.error(
      { err: { name: failure?.name, message: failure?.message }, detail: String(failure?.stack) },
      'webhook could not be stored',
    )
    expect(text()).toContain('Failed query')
    for (const leak of ['314159', 'second line', 'msg_copy', 'example.net']) expect(text()).not.toContain(leak)
  })

  test('a six-digit code next to the word "code" is censored in any message', () => {
    expect(scrubString('Your SalesArck sign-in code is 480513. It expires')).not.toContain('480513')
    expect(scrubString('verify failed: code=480513')).not.toContain('480513')
    expect(scrubString('Codes: 480513')).not.toContain('480513')
    // Six digits without the word stay readable (amounts, counts).
    expect(scrubString('processed 480513 events')).toContain('480513')
  })
})
