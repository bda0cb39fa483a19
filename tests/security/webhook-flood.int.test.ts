// Webhook rate limiting (issue 12.5, ADR 0019), over real HTTP: posts that fail verification
// are limited per client IP, a genuine signed delivery is never refused for volume (not even
// from the flooding IP, which may be a provider's shared egress), and an unknown provider is a
// 404 that never touches Redis.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type pino from 'pino'
import { parseConfig } from '../../src/config'
import { createApp } from '../../src/http/app'
import { buildDeps } from '../../src/app-deps'
import { createLogger, setLogger } from '../../src/infra/logger'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { makeTenant } from '../helpers/identities'
import { tcpProxy } from '../helpers/tcp-proxy'
import { inboxRows, linkMerchant, squarePayment, webhookSecrets } from '../pos/ingest/harness'

const LIMIT = 5
const getApp = useTestApp({
  ...webhookSecrets,
  TRUSTED_IP_HEADER: 'x-test-ip',
  RATE_LIMIT_WEBHOOK_UNVERIFIED_PER_IP: String(LIMIT),
})
let base = ''
let stop = async () => {}

beforeAll(async () => {
  const server = getApp().app.listen({ port: 0, hostname: '127.0.0.1' })
  base = `http://127.0.0.1:${server.server?.port}`
  stop = async () => void (await server.stop())
  await linkMerchant(getApp().deps, (await makeTenant(getApp().deps)).id, 'square', 'MFLOOD0001')
})
afterAll(() => stop())

const post = (provider: string, body: string, headers: Record<string, string>) =>
  fetch(`${base}/webhooks/${provider}`, { method: 'POST', body, headers })
const genuine = (eventId: string) => {
  const body = squarePayment({
    merchantId: 'MFLOOD0001',
    eventId,
    paymentId: `pay-${eventId}`,
    total: 1_000,
    email: 'flood@example.com',
  })
  return {
    body,
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
  }
}

describe('webhook flood', () => {
  test('forged posts from one IP are limited; a genuine delivery from that IP still gets 200 and is stored', async () => {
    const ip = { 'x-test-ip': '203.0.113.7' }
    const forged = () => {
      const { body } = genuine(`forged-${crypto.randomUUID()}`)
      return post('square', body, {
        ...ip,
        'content-type': 'application/json',
        'x-square-hmacsha256-signature': 'bm90IGEgc2lnbmF0dXJl',
      })
    }
    const statuses: number[] = []
    for (let i = 0; i < LIMIT + 3; i++) statuses.push((await forged()).status)
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401))
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429])
    const limited = await forged()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await limited.json()).error).toMatchObject({ code: 'rate_limited', request_id: expect.any(String) })

    // Wrong content type is refused before verification and counts too.
    expect((await post('square', 'a=1', { ...ip, 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(
      429,
    )

    const real = genuine('flood-genuine-1')
    const res = await post('square', real.body, { ...ip, ...real.headers })
    expect(res.status).toBe(200)
    expect((await inboxRows(getApp().deps)).map((r) => r.providerEventId)).toEqual(['flood-genuine-1'])

    // Another IP's forgery is judged on its own budget: 401, not 429.
    expect(
      (await post('square', '{}', { 'x-test-ip': '203.0.113.8', 'content-type': 'application/json' })).status,
    ).toBe(401)
  })

  test('verified deliveries are never refused for volume', async () => {
    const statuses = new Set<number>()
    for (let i = 0; i < LIMIT * 4; i++) {
      const real = genuine(`volume-${i}`)
      statuses.add((await post('square', real.body, { 'x-test-ip': '198.51.100.1', ...real.headers })).status)
    }
    expect([...statuses]).toEqual([200])
  })
})

describe('unknown provider with Redis down', () => {
  const redisProxy = tcpProxy({ host: '127.0.0.1', port: 6379 })
  afterAll(() => redisProxy.close())

  test('404 at once, and the rate limiter is never asked', async () => {
    const lines: string[] = []
    setLogger(createLogger('warn', { write: (l: string) => void lines.push(l) } as pino.DestinationStream))
    const config = parseConfig({
      ...process.env,
      ...webhookSecrets,
      APP_ENV: 'test',
      DATABASE_URL: getApp().config.DATABASE_URL!,
      REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
    })
    const deps = await buildDeps(config, { queuePrefix: `test_wh404_${process.pid}` })
    const server = createApp(deps).listen({ port: 0, hostname: '127.0.0.1' })
    try {
      redisProxy.stop()
      deps.redis.disconnect(true)
      const res = await fetch(`http://127.0.0.1:${server.server?.port}/webhooks/paypal`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      })
      expect(res.status).toBe(404)
      expect((await res.json()).error).toMatchObject({ code: 'not_found' })
      // The limiter would log its outage (and wait for Redis up to 1 s) had it been consulted.
      expect(lines.join('\n')).not.toContain('rate limiter unavailable')
    } finally {
      setLogger(createLogger('warn'))
      await server.stop()
      redisProxy.start()
      await deps.queues.close().catch(() => {})
      deps.redis.disconnect()
    }
  }, 20_000)
})
