// Points are 64-bit end to end, with a documented ceiling (issue 12 item 8): three admin
// adjustments of +999,999,999 used to overflow the 32-bit balance and answer 500.
import { beforeAll, describe, expect, test } from 'bun:test'
import { MAX_BALANCE, MAX_POINTS_PER_OPERATION } from '../../src/shared/points'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { seedWallet, uniquePhone } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev' })
let cast: Awaited<ReturnType<typeof makeCast>>
let walletId: string
const phone = uniquePhone()

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  walletId = (await seedWallet(getApp().deps.dbh.db, cast.tenant.id, { phone })).wallet.id
})

type ErrorBody = { error: { code: string; message: string; request_id: string; fields?: Record<string, string> } }
const adjust = (points: number, wallet = walletId) =>
  getApp().json<{ points: number; balance_after: number } & ErrorBody>(`/api/v1/admin/wallets/${wallet}/adjustments`, {
    method: 'POST',
    headers: { ...cast.admin.headers, 'idempotency-key': crypto.randomUUID() },
    body: { points, reason: 'large correction' },
  })

/** The balance as the admin API reports it (a JSON number). */
const balance = async () => {
  const r = await getApp().json<{ wallets: { wallet_id: string; balance: number }[] }>(
    `/api/v1/admin/consumers?phone=${encodeURIComponent(phone)}`,
    { headers: cast.admin.headers },
  )
  return r.body.wallets.find((w) => w.wallet_id === walletId)?.balance
}

describe('64-bit points', () => {
  test('three adjustments of +999,999,999 succeed and the balance reads 2,999,999,997', async () => {
    for (let i = 1; i <= 3; i++) {
      const r = await adjust(999_999_999)
      expect(r.status).toBe(201)
      expect(r.body.points).toBe(999_999_999)
      expect(r.body.balance_after).toBe(999_999_999 * i)
    }
    expect(await balance()).toBe(2_999_999_997)
  })

  test('one adjustment above the per-operation maximum is a 422 in the documented shape, and nothing moves', async () => {
    for (const points of [MAX_POINTS_PER_OPERATION + 1, -(MAX_POINTS_PER_OPERATION + 1), 2 ** 53, 1e20]) {
      const r = await adjust(points)
      expect(r.status).toBe(422)
      expect(r.body.error.code).toBe('rule_violation')
      expect(r.body.error.message).toContain('1,000,000,000')
      expect(typeof r.body.error.request_id).toBe('string')
    }
    expect(await balance()).toBe(2_999_999_997)
  })

  test('the maximum itself is allowed, in both directions', async () => {
    expect((await adjust(MAX_POINTS_PER_OPERATION)).body.balance_after).toBe(3_999_999_997)
    expect((await adjust(-MAX_POINTS_PER_OPERATION)).body.balance_after).toBe(2_999_999_997)
  })

  test('a wallet at the maximum balance refuses one more point with a 422, and keeps its balance', async () => {
    const full = (await seedWallet(getApp().deps.dbh.db, cast.tenant.id, { points: MAX_BALANCE })).wallet.id
    const r = await adjust(1, full)
    expect(r.status).toBe(422)
    expect(r.body.error.code).toBe('rule_violation')
    expect((await adjust(-1, full)).body.balance_after).toBe(MAX_BALANCE - 1)
  })
})

describe('points in rules', () => {
  test('a rule that would award or cap more than the per-operation maximum is refused, naming the field', async () => {
    const ruleSet = (rules: unknown[]) => ({ rule_set: { schema_version: 1, currency: 'USD', rules } })
    const spend = {
      kind: 'points_per_spend',
      config: { points: 1, per_minor_units: 100, include_tax: false, include_tip: false },
    }
    for (const extra of [
      { kind: 'visit_bonus', config: { points: MAX_POINTS_PER_OPERATION + 1, every_nth_visit: 1 } },
      { kind: 'earn_cap', config: { max_points: 2 * MAX_POINTS_PER_OPERATION } },
    ]) {
      const r = await getApp().json<ErrorBody>('/api/v1/merchant/rules', {
        method: 'POST',
        headers: { ...cast.owner.headers, 'idempotency-key': crypto.randomUUID() },
        body: ruleSet([spend, extra]),
      })
      // A rule set is validated like any form: 400 with the offending field named.
      expect(r.status).toBe(400)
      expect(Object.values(r.body.error.fields ?? {})).toContain('Use at most 1,000,000,000 points')
    }
    const ok = await getApp().json('/api/v1/merchant/rules', {
      method: 'POST',
      headers: { ...cast.owner.headers, 'idempotency-key': crypto.randomUUID() },
      body: ruleSet([spend, { kind: 'earn_cap', config: { max_points: MAX_POINTS_PER_OPERATION } }]),
    })
    expect(ok.status).toBe(201)
  })
})
