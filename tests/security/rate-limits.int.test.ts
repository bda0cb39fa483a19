// Rate limits on Redis: sign-in per destination and per IP, a general per-IP limit on public
// endpoints; 429 with Retry-After (webhooks have their own: webhook-flood.int.test.ts). With Redis down, sign-in
// fails closed (503) while other routes fail open, and the logs say so.
import { afterAll, describe, expect, test } from 'bun:test'
import type pino from 'pino'
import { parseConfig } from '../../src/config'
import { createApp } from '../../src/http/app'
import { buildDeps } from '../../src/app-deps'
import { createLogger, setLogger } from '../../src/infra/logger'
import { useTestApp } from '../helpers/app'
import { tcpProxy } from '../helpers/tcp-proxy'

const getApp = useTestApp({
  TRUSTED_IP_HEADER: 'x-test-ip',
  RATE_LIMIT_SIGNIN_PER_DESTINATION: '3',
  RATE_LIMIT_SIGNIN_PER_IP: '4',
  RATE_LIMIT_PUBLIC_PER_IP: '8',
  OTP_RESEND_COOLDOWN_S: '1',
})
const otp = (destination: string, ip: string) =>
  getApp().json('/api/v1/auth/otp', { method: 'POST', body: { destination }, headers: { 'x-test-ip': ip } })

describe('rate limits', () => {
  test('asking again for the same destination inside the cool-down is 429 with Retry-After', async () => {
    expect((await otp('cool@example.com', '10.5.0.1')).status).toBe(202)
    const r = await otp('cool@example.com', '10.5.0.2')
    expect(r.status).toBe(429)
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
  })

  test('sign-in per destination: from many IPs, the 4th code in the window is refused', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await otp('target@example.com', `10.6.0.${i}`)).status).toBe(202)
      await Bun.sleep(1_050) // past the 1 s resend cool-down, so only the window counts
    }
    const r = await otp('target@example.com', '10.6.0.9')
    expect(r.status).toBe(429)
    expect(r.headers.get('retry-after')).toBeTruthy()
  }, 10_000)

  test('sign-in per IP: one IP spraying destinations is refused after 4, with Retry-After', async () => {
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await otp(`spray${i}@example.com`, '10.7.0.1')).status)
    expect(statuses).toEqual([202, 202, 202, 202, 429])
    // Verification attempts count against the same IP budget.
    const v = await getApp().json('/api/v1/auth/verify', {
      method: 'POST',
      body: { destination: 'spray0@example.com', code: '123456' },
      headers: { 'x-test-ip': '10.7.0.1' },
    })
    expect(v.status).toBe(429)
  })

  test('general per-IP limit on public endpoints (including unknown paths); health is exempt', async () => {
    const statuses = []
    for (let i = 0; i < 9; i++)
      statuses.push((await getApp().request('/', { headers: { 'x-test-ip': '10.8.0.1' } })).status)
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true)
    const limited = await getApp().request('/nope', {
      headers: { 'x-test-ip': '10.8.0.1', accept: 'application/json' },
    })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeTruthy()
    expect((await getApp().request('/', { headers: { 'x-test-ip': '10.8.0.2' } })).status).toBe(200) // another IP is unaffected
    expect((await getApp().request('/health/live', { headers: { 'x-test-ip': '10.8.0.1' } })).status).toBe(200)
  })
})

describe('rate limits with Redis down', () => {
  const redisProxy = tcpProxy({ host: '127.0.0.1', port: 6379 })
  afterAll(() => redisProxy.close())

  test('sign-in fails closed (503), pages fail open, and the log says which', async () => {
    const lines: string[] = []
    setLogger(createLogger('warn', { write: (l: string) => void lines.push(l) } as pino.DestinationStream))
    const config = parseConfig({
      ...process.env,
      APP_ENV: 'test',
      DATABASE_URL: getApp().config.DATABASE_URL!,
      REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
    })
    const deps = await buildDeps(config, { queuePrefix: `test_rl_down_${process.pid}` })
    try {
      const app = createApp(deps)
      redisProxy.stop()
      deps.redis.disconnect(true)
      await Bun.sleep(100)
      const signIn = await app.handle(
        new Request('http://localhost/api/v1/auth/otp', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ destination: 'down@example.com' }),
        }),
      )
      expect(signIn.status).toBe(503)
      expect(signIn.headers.get('retry-after')).toBeTruthy()
      const page = await app.handle(new Request('http://localhost/'))
      expect(page.status).toBe(200)
      expect(lines.join('\n')).toContain(
        'rate limiter unavailable (redis down): sign-in fails closed, other routes fail open',
      )
    } finally {
      setLogger(createLogger('warn'))
      redisProxy.start()
      await deps.queues.close().catch(() => {})
      deps.redis.disconnect()
    }
  }, 20_000)
})
