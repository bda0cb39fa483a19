// Issue 12.4: behind Fly's proxy every socket address is the proxy's, so rate limits must key on
// the header the proxy sets (TRUSTED_IP_HEADER = fly-client-ip). Without the variable the socket
// address is used and no client-supplied header is believed; production will not start without it.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { generateKeySpec } from '../../src/auth/keys'
import { useTestApp } from '../helpers/app'
import { type ServerProcess, startServer } from '../helpers/process'

const getApp = useTestApp({ TRUSTED_IP_HEADER: 'fly-client-ip', RATE_LIMIT_PUBLIC_PER_IP: '3' })
const visit = (headers: Record<string, string>) => getApp().request('/', { headers })

describe('client IP from the trusted header', () => {
  test('two clients with different Fly-Client-IP values get separate buckets', async () => {
    const a = []
    for (let i = 0; i < 4; i++) a.push((await visit({ 'fly-client-ip': '203.0.113.7' })).status)
    expect(a).toEqual([200, 200, 200, 429])
    expect((await visit({ 'fly-client-ip': '198.51.100.9' })).status).toBe(200)
    expect((await visit({ 'fly-client-ip': '2001:db8::1' })).status).toBe(200)
  })

  test('a value that is not an IP address is not a bucket of its own', async () => {
    // Rotating junk must not buy a fresh budget each time: it falls back to the socket address.
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await visit({ 'fly-client-ip': `junk-${i}` })).status)
    expect(statuses).toContain(429)
  })

  test('in a list, the entry the nearest proxy appended counts, not the ones the client wrote', async () => {
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await visit({ 'fly-client-ip': `10.99.0.${i}, 192.0.2.55` })).status)
    expect(statuses).toEqual([200, 200, 200, 429])
  })
})

describe('without TRUSTED_IP_HEADER (development, test)', () => {
  let server: ServerProcess
  beforeAll(async () => {
    server = await startServer({
      APP_ENV: 'test',
      ROLE: 'web',
      DATABASE_URL: getApp().config.DATABASE_URL!,
      RATE_LIMIT_PUBLIC_PER_IP: '3',
    })
  }, 30_000)
  afterAll(async () => {
    server.proc.kill('SIGTERM')
    await server.exited
  })

  test('the socket address is used: forged X-Forwarded-For or Fly-Client-IP headers buy nothing', async () => {
    const statuses = []
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${server.base}/`, {
        headers: { 'x-forwarded-for': `198.51.100.${i}`, 'fly-client-ip': `203.0.113.${i}` },
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
  })
})

describe('production', () => {
  test('refuses to start without TRUSTED_IP_HEADER, exits non-zero and names it', async () => {
    const env = {
      PATH: process.env.PATH!,
      APP_ENV: 'production',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      REDIS_URL: 'redis://127.0.0.1:1',
      APP_BASE_URL: 'https://salesarck.example',
      JWT_PRIVATE_KEYS: await generateKeySpec('ip-test'),
      TOKEN_ENCRYPTION_KEYS: `tok-1:${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`,
      OTP_SECRET: 'client-ip-test-otp-secret-0123456789',
      NOTIFY_EMAIL_TRANSPORT: 'outbox',
      NOTIFY_SMS_TRANSPORT: 'outbox',
    }
    const r = Bun.spawnSync(['bun', 'src/server.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env,
      stdout: 'pipe',
      stderr: 'pipe',
    })
    const out = r.stderr.toString() + r.stdout.toString()
    expect(r.exitCode).not.toBe(0)
    expect(out).toContain('TRUSTED_IP_HEADER')
    expect(out).not.toContain('http listening')
    // With the variable, the same environment gets past configuration (it then fails on the fake database instead).
    const withIt = Bun.spawnSync(
      ['bun', '-e', "import { parseConfig } from './src/config'; parseConfig(process.env); console.log('config ok')"],
      {
        cwd: new URL('../..', import.meta.url).pathname,
        env: { ...env, TRUSTED_IP_HEADER: 'fly-client-ip' },
        stdout: 'pipe',
        stderr: 'pipe',
      },
    )
    expect(withIt.stdout.toString()).toContain('config ok')
  }, 60_000) // two process starts; slow on a busy machine
})
