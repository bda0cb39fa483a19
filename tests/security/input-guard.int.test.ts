// Regressions the fuzz pass (fuzz-json-routes.int.test.ts) found, kept as plain examples: a
// path param that is not UTF-8 reached the code as null (500), and a 10,000-level value in one
// field kept the validator busy for seconds before answering.
import { beforeAll, describe, expect, test } from 'bun:test'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>
beforeAll(async () => {
  cast = await makeCast(getApp().deps)
})

type ErrorBody = { error: { code: string; message: string; request_id: string; fields?: Record<string, string> } }

describe('the input guard', () => {
  test('a path param that is not valid UTF-8 is a 400 naming the param', async () => {
    for (const path of [
      '/api/v1/merchant/redemptions/%ED%A0%80',
      '/api/v1/merchant/redemptions/%ED%A0%80/complete',
      '/api/v1/merchant/members/%E0%A4%A',
    ]) {
      const r = await getApp().json<ErrorBody>(path, {
        method: path.endsWith('complete') ? 'POST' : 'GET',
        headers: cast.staff.headers,
      })
      expect(r.status).toBe(400)
      expect(r.body.error.code).toBe('validation_failed')
      expect(Object.keys(r.body.error.fields ?? {})).toHaveLength(1)
      expect(Object.keys(r.body.error.fields ?? {})[0]).toStartWith('params.')
    }
  })

  test('a value nested 10,000 levels deep is a 400 at once (naming no field: it comes before authentication); a rule set (six levels) still passes', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`
    const r = await getApp().request('/api/v1/admin/wallets/wal_none/adjustments', {
      method: 'POST',
      headers: { ...cast.admin.headers, accept: 'application/json', 'content-type': 'application/json' },
      body: `{"points":${deep},"reason":"x"}`,
    })
    expect(r.status).toBe(400)
    const body = ((await r.json()) as ErrorBody).error
    expect(body.message).toContain('nest')
    expect(body.fields).toBeUndefined()
    const rules = await getApp().json('/api/v1/merchant/rules', {
      method: 'POST',
      headers: { ...cast.owner.headers, 'idempotency-key': crypto.randomUUID() },
      body: {
        rule_set: {
          schema_version: 1,
          currency: 'USD',
          rules: [
            {
              kind: 'points_per_spend',
              config: { points: 2, per_minor_units: 100, include_tax: false, include_tip: false },
            },
          ],
        },
      },
    })
    expect(rules.status).toBe(201)
  })
})
