// Issue 10.4: while our webhook URL is set up in Clover's dashboard, Clover POSTs
// {"verificationCode": "…"} without X-Clover-Auth. That exact shape is taken unsigned, kept (latest
// only) for the platform admin to paste back, and nothing else unsigned gets in.
import { describe, expect, test } from 'bun:test'
import { asSystem } from '../../../src/infra/scope'
import { posWebhookVerifications } from '../../../src/pos/connection/connection.schema'
import { portal } from '../../admin/portal'
import { useTestApp } from '../../helpers/app'
import { makeCast } from '../../helpers/identities'
import { readFixture } from '../fixtures'
import { inboxRows, webhookSecrets } from './harness'

const getApp = useTestApp({ ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev' })

const post = (body: string, headers: Record<string, string> = {}) =>
  getApp().request('/webhooks/clover', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
const stored = () => asSystem(getApp().deps.dbh.db, (tx) => tx.select().from(posWebhookVerifications))

describe('Clover webhook verification handshake', () => {
  test('the unsigned {"verificationCode"} is answered 200 and shown to the admin; only the latest is kept', async () => {
    const cast = await makeCast(getApp().deps)
    const none = await getApp().json<{ error: { code: string } }>('/api/v1/admin/pos/clover/verification', {
      headers: cast.admin.headers,
    })
    expect(none.status).toBe(404)

    expect((await post(JSON.stringify({ verificationCode: 'first-code-0001' }))).status).toBe(200)
    expect((await post(JSON.stringify({ verificationCode: 'a1b2c3d4-e5f6-7890-abcd-ef0123456789' }))).status).toBe(200)
    expect(await stored()).toEqual([
      expect.objectContaining({ provider: 'clover', code: 'a1b2c3d4-e5f6-7890-abcd-ef0123456789' }),
    ])
    expect(await inboxRows(getApp().deps)).toEqual([]) // a handshake is not an event

    const api = await getApp().json<{ provider: string; verification_code: string; received_at: string }>(
      '/api/v1/admin/pos/clover/verification',
      { headers: cast.admin.headers },
    )
    expect(api.status).toBe(200)
    expect(api.body).toMatchObject({ provider: 'clover', verification_code: 'a1b2c3d4-e5f6-7890-abcd-ef0123456789' })
    const page = await portal(getApp(), cast.admin, '/admin/pos')
    expect(page.status).toBe(200)
    expect(page.text).toContain('a1b2c3d4-e5f6-7890-abcd-ef0123456789')
    for (const who of [cast.owner, cast.staff, cast.consumer]) {
      expect((await getApp().request('/api/v1/admin/pos/clover/verification', { headers: who.headers })).status).toBe(
        403,
      )
    }
    expect((await getApp().request('/api/v1/admin/pos/clover/verification')).status).toBe(401)
  })

  test('anything else unsigned is still 401 and stores nothing', async () => {
    const before = await stored()
    const junk = [
      JSON.stringify({ verificationCode: 'ok-code', extra: 'junk' }), // not exactly the shape
      JSON.stringify({ verificationCode: 'x'.repeat(129) }), // too long
      JSON.stringify({ verificationCode: 'has spaces <script>' }),
      JSON.stringify({ verificationCode: 42 }),
      `{"verificationCode":"padded"}${' '.repeat(300)}`, // too large a body
      readFixture('clover', 'notice.json'), // a real notice must carry X-Clover-Auth
    ]
    for (const body of junk) {
      const r = await post(body)
      expect(r.status).toBe(401)
      expect((await r.json()).error.code).toBe('unauthorized')
    }
    expect(await stored()).toEqual(before)
    expect(await inboxRows(getApp().deps)).toEqual([])
    // A wrong X-Clover-Auth on a handshake shape is a signed delivery with a bad code: 401 too.
    expect((await post(JSON.stringify({ verificationCode: 'with-header' }), { 'x-clover-auth': 'wrong' })).status).toBe(
      401,
    )
  })

  test('stores are rate limited across the platform: junk cannot be written in a loop', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await post(JSON.stringify({ verificationCode: `loop-${i}` }))).status)
    // Two were stored by the first test; the hourly budget is ten.
    expect(statuses.filter((s) => s === 200).length).toBe(8)
    expect(statuses.slice(8)).toEqual([429, 429, 429, 429])
    expect((await stored())[0]?.code).toBe('loop-7')
  })
})
