import { describe, expect, test } from 'bun:test'
import { Writable } from 'node:stream'
import { createLogger } from '../../src/infra/logger'

function capture() {
  const lines: string[] = []
  const logger = createLogger('debug', new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }))
  return { logger, text: () => lines.join('') }
}

describe('log redaction', () => {
  test('fields named for PII or secrets are censored at any depth', () => {
    const { logger, text } = capture()
    logger.info(
      {
        user: { profile: { email: 'a.b@example.com', phone: '+14155550100', first_name: 'Ana' } },
        req: { headers: { authorization: 'Bearer abc', cookie: 'sa_access=xyz' } },
        otp: '123456',
        code: '654321',
        items: [{ token: 'tok_secret_value' }],
      },
      'deep',
    )
    const out = text()
    for (const leak of [
      'a.b@example.com',
      '+14155550100',
      'Ana',
      'Bearer abc',
      'sa_access=xyz',
      '123456',
      '654321',
      'tok_secret_value',
    ])
      expect(out).not.toContain(leak)
    expect(out).toContain('[REDACTED]')
  })

  test('PII inside free text — messages, error messages, stacks — is scrubbed by shape', () => {
    const { logger, text } = capture()
    logger.error(
      { err: new Error('550 mailbox ana.silva@example.com rejected for +1 415 555 0100') },
      'delivery to ana.silva@example.com failed',
    )
    logger.warn({ detail: 'authorization: Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln' }, 'odd header')
    const out = text()
    expect(out).not.toContain('ana.silva@example.com')
    expect(out).not.toContain('+1 415 555 0100')
    expect(out).not.toContain('eyJhbGciOiJFUzI1NiJ9')
    expect(out).toContain('delivery to [REDACTED] failed')
  })

  test('ordinary operational fields stay readable', () => {
    const { logger, text } = capture()
    logger.info({ route: '/api/v1/consumer/wallets/:wallet_id', status: 200, ms: 12, tenantId: 'ten_01abc' }, 'request')
    const line = JSON.parse(text())
    expect(line).toMatchObject({
      route: '/api/v1/consumer/wallets/:wallet_id',
      status: 200,
      ms: 12,
      tenantId: 'ten_01abc',
      msg: 'request',
    })
  })
})
