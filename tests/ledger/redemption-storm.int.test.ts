// L1 (reliability-tests.md §3): 200 concurrent redemptions of 10 pts on a 1,000-pt wallet,
// through the real HTTP API with real tokens, distinct Idempotency-Keys.
import { describe, expect, test } from 'bun:test'
import { eq, sql } from 'drizzle-orm'
import { execRows } from '../../src/infra/db'
import { asSystem } from '../../src/infra/scope'
import { redemptions } from '../../src/ledger'
import { linkMembersToUser } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { adminSql } from '../helpers/db'
import { makeCast } from '../helpers/identities'
import { seedWallet, walletSums } from '../helpers/ledger'

const getApp = useTestApp({ ADMIN_EMAILS: 'admin@test.dev', DATABASE_POOL_MAX: '20' })

describe('redemption storm', () => {
  test('200 concurrent redemptions of 10 pts on 1,000 pts: exactly 100 succeed, never negative', async () => {
    const { deps, json } = getApp()
    const db = deps.dbh.db
    const cast = await makeCast(deps)
    const { wallet } = await seedWallet(db, cast.tenant.id, { phone: cast.users.consumer.phone!, points: 1_000 })
    await linkMembersToUser(db, {
      id: cast.consumer.userId,
      phone: cast.users.consumer.phone,
      phoneVerifiedAt: new Date(),
    })

    const admin = adminSql(getApp().config.DATABASE_URL!.split('/').pop()!)
    const deadlocks = async () =>
      Number(
        (await admin`select deadlocks from pg_stat_database where datname = current_database()`)[0]?.deadlocks ?? 0,
      )
    const deadlocksBefore = await deadlocks()

    // A sampler reads the projection every millisecond while the storm runs.
    let sampling = true
    const samples: number[] = []
    const sampler = (async () => {
      while (sampling) {
        const [row] = await admin`select balance from wallets where id = ${wallet.id}`
        samples.push(Number(row?.balance))
        await Bun.sleep(1)
      }
    })()

    const started = performance.now()
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        json<{ code?: string; error?: { code: string } }>('/api/v1/consumer/redemptions', {
          method: 'POST',
          headers: { ...cast.consumer.headers, 'idempotency-key': `storm-${i}` },
          body: { wallet_id: wallet.id, points: 10 },
        }),
      ),
    )
    const elapsed = performance.now() - started
    sampling = false
    await sampler

    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(100)
    expect(statuses.filter((s) => s === 422)).toHaveLength(100)
    expect(results.filter((r) => r.status === 422).every((r) => r.body.error?.code === 'insufficient_points')).toBe(
      true,
    )
    expect(statuses.some((s) => s >= 500)).toBe(false)
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0)

    const sums = await walletSums(db, wallet.id)
    expect(sums).toEqual({ balance: 0, ledger: 0, lots: 0 })
    const issued = await asSystem(db, (tx) => tx.select().from(redemptions).where(eq(redemptions.walletId, wallet.id)))
    expect(issued).toHaveLength(100)
    expect(new Set(issued.map((r) => r.code)).size).toBe(100)
    const [entries] = await asSystem(db, (tx) =>
      execRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from ledger_entries where wallet_id = ${wallet.id} and type = 'redeem'`,
      ),
    )
    expect(entries?.n).toBe(100)
    expect(await deadlocks()).toBe(deadlocksBefore)
    await admin.end()
    console.info(`storm: 200 requests in ${elapsed.toFixed(0)} ms, ${samples.length} balance samples`)
  }, 60_000)
})
