// L2 (reliability-tests.md §3): Idempotency-Key semantics through the real API.
import { describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { asSystem } from '../../src/infra/scope'
import { redemptions } from '../../src/ledger'
import { linkMembersToUser } from '../../src/members'
import { portal } from '../admin/portal'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev', DATABASE_POOL_MAX: '20' })

async function consumerWithPoints(points: number) {
  const { deps } = getApp()
  const cast = await makeCast(deps)
  const { wallet } = await seedWallet(deps.dbh.db, cast.tenant.id, { phone: cast.users.consumer.phone!, points })
  await linkMembersToUser(deps.dbh.db, {
    id: cast.consumer.userId,
    phone: cast.users.consumer.phone,
    phoneVerifiedAt: new Date(),
  })
  return { cast, wallet }
}

const redeem = (headers: Record<string, string>, key: string, body: unknown) =>
  getApp().request('/api/v1/consumer/redemptions', {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': key, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  })

describe('Idempotency-Key', () => {
  test('the same key 50 times concurrently: one effect, 50 byte-identical replies', async () => {
    const { cast, wallet } = await consumerWithPoints(500)
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        redeem(cast.consumer.headers, 'same-key-1', { wallet_id: wallet.id, points: 30 }),
      ),
    )
    const bodies = await Promise.all(replies.map((r) => r.text()))
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(201))
    expect(new Set(bodies).size).toBe(1)
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(49)
    const made = await asSystem(getApp().deps.dbh.db, (tx) =>
      tx.select().from(redemptions).where(eq(redemptions.walletId, wallet.id)),
    )
    expect(made).toHaveLength(1)
    expect((await walletSums(getApp().deps.dbh.db, wallet.id)).balance).toBe(470)
  }, 30_000)

  test('the same key with a different body is 409 idempotency_key_reused and writes nothing', async () => {
    const { cast, wallet } = await consumerWithPoints(100)
    expect((await redeem(cast.consumer.headers, 'k-2', { wallet_id: wallet.id, points: 10 })).status).toBe(201)
    const again = await redeem(cast.consumer.headers, 'k-2', { wallet_id: wallet.id, points: 20 })
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused')
    expect((await walletSums(getApp().deps.dbh.db, wallet.id)).balance).toBe(90)
  })

  test('keys are per caller: another consumer with the same key gets their own effect', async () => {
    const a = await consumerWithPoints(100)
    const b = await consumerWithPoints(100)
    expect((await redeem(a.cast.consumer.headers, 'shared', { wallet_id: a.wallet.id, points: 10 })).status).toBe(201)
    expect((await redeem(b.cast.consumer.headers, 'shared', { wallet_id: b.wallet.id, points: 10 })).status).toBe(201)
    expect((await walletSums(getApp().deps.dbh.db, b.wallet.id)).balance).toBe(90)
  })

  test('a business refusal is stored and replayed; a different key can still succeed later', async () => {
    const { cast, wallet } = await consumerWithPoints(5)
    const first = await redeem(cast.consumer.headers, 'too-much', { wallet_id: wallet.id, points: 10 })
    expect(first.status).toBe(422)
    const replay = await redeem(cast.consumer.headers, 'too-much', { wallet_id: wallet.id, points: 10 })
    expect(replay.status).toBe(422)
    expect(await replay.text()).toBe(await first.text())
    expect([first.headers.get('idempotent-replayed'), replay.headers.get('idempotent-replayed')]).toEqual([
      null,
      'true',
    ])
    expect((await redeem(cast.consumer.headers, 'fits', { wallet_id: wallet.id, points: 5 })).status).toBe(201)
  })

  test('the portal form resubmitted lands on the same code; a refusal shows the wallet again, also on a resubmit', async () => {
    const { cast, wallet } = await consumerWithPoints(50)
    const submit = (form: Record<string, string>) =>
      portal(getApp(), cast.consumer, `/wallets/${wallet.id}/redeem`, { form })
    const key = crypto.randomUUID()
    const [a, b] = [await submit({ points: '20', request_key: key }), await submit({ points: '20', request_key: key })]
    expect([a.status, b.status]).toEqual([303, 303])
    expect(b.headers.get('location')).toBe(a.headers.get('location'))
    expect((await walletSums(getApp().deps.dbh.db, wallet.id)).balance).toBe(30)
    const tooMuch = { points: '40', request_key: crypto.randomUUID() }
    for (const page of [await submit(tooMuch), await submit(tooMuch)]) {
      expect(page.status).toBe(422)
      expect(page.text).toContain('redeem-form')
      expect(page.text).toContain('There are not enough points in this wallet')
    }
    expect((await walletSums(getApp().deps.dbh.db, wallet.id)).balance).toBe(30)
  })

  test('an invalid key is a 400, not a 500', async () => {
    const { cast, wallet } = await consumerWithPoints(5)
    expect((await redeem(cast.consumer.headers, 'x'.repeat(300), { wallet_id: wallet.id, points: 1 })).status).toBe(400)
  })
})
