// L7 (reliability-tests.md §3): reconciliation finds each planted fault exactly once with its
// exact difference, heals only the balance projection (audited), and is silent when clean.
import { describe, expect, test } from 'bun:test'
import { listAudit } from '../../src/audit'
import { reconcileLedger } from '../../src/ledger'
import { useFreshDatabase, adminSql } from '../helpers/db'
import { seedWallet, walletSums } from '../helpers/ledger'
import { tenants } from '../../src/tenancy'
import { earn, reverseEarn } from '../../src/ledger'

const getDb = useFreshDatabase()

describe('ledger reconciliation', () => {
  test('a clean database reports zero findings', async () => {
    const { db } = getDb().handle
    await db.insert(tenants).values({ id: 'ten_r', name: 'R', slug: 'r' })
    for (let i = 0; i < 5; i++) {
      const { wallet, scope } = await seedWallet(db, 'ten_r', { points: 100 + i })
      await earn(db, scope, {
        walletId: wallet.id,
        points: 7,
        referenceType: 'txn',
        referenceId: `t${i}`,
        ruleVersionId: null,
        explanation: 'x',
      })
      await reverseEarn(db, scope, { referenceType: 'txn', referenceId: `t${i}` })
    }
    const run = await reconcileLedger(db, { now: new Date(), trigger: 'manual' })
    expect(run.walletsChecked).toBe(5)
    expect(run.findings).toEqual([])
  })

  test('wrong projection, missing lot and lot/ledger mismatch: each found once with the exact difference', async () => {
    const { db } = getDb().handle
    const projection = await seedWallet(db, 'ten_r', { points: 50 })
    const missing = await seedWallet(db, 'ten_r', { points: 30 })
    const mismatch = await seedWallet(db, 'ten_r', { points: 20 })
    const su = adminSql(getDb().name)
    await su.begin(async (tx) => {
      await tx`set local session_replication_role = replica` // bypass triggers and FKs for the plant
      await tx`update wallets set balance = balance + 7 where id = ${projection.wallet.id}`
      await tx`delete from lots where wallet_id = ${missing.wallet.id}`
      await tx`update lots set remaining = remaining - 3 where wallet_id = ${mismatch.wallet.id}`
    })
    await su.end()

    const run = await reconcileLedger(db, { now: new Date(), trigger: 'manual' })
    const pick = (walletId: string) =>
      run.findings
        .filter((f) => f.walletId === walletId)
        .map(({ kind, expected, actual, difference, healed }) => ({ kind, expected, actual, difference, healed }))
    expect(run.findings).toHaveLength(3)
    expect(pick(projection.wallet.id)).toEqual([
      { kind: 'projection_mismatch', expected: 50, actual: 57, difference: 7, healed: true },
    ])
    expect(pick(missing.wallet.id)).toEqual([
      { kind: 'missing_lot', expected: 30, actual: 0, difference: -30, healed: false },
    ])
    expect(pick(mismatch.wallet.id)).toEqual([
      { kind: 'lots_mismatch', expected: 20, actual: 17, difference: -3, healed: false },
    ])

    // Healed from the ledger, audited; the ledger itself is unchanged.
    expect(await walletSums(db, projection.wallet.id)).toEqual({ balance: 50, ledger: 50, lots: 50 })
    const audit = await listAudit(db, { targetId: projection.wallet.id })
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ['wallet.balance_healed', { balance: 57 }, { balance: 50 }],
    ])

    // Next run: the projection stays healed; lot faults (not auto-healed) are reported again, once each.
    const again = await reconcileLedger(db, { now: new Date(), trigger: 'scheduled' })
    expect(again.findings.map((f) => f.kind).sort()).toEqual(['lots_mismatch', 'missing_lot'])
  })

  test('a per-tenant run finds the planted mismatch in its shop only, batch by batch, reporting progress', async () => {
    const { db } = getDb().handle
    await db.insert(tenants).values([
      { id: 'ten_a', name: 'A', slug: 'a' },
      { id: 'ten_b', name: 'B', slug: 'b' },
    ])
    const mine: Awaited<ReturnType<typeof seedWallet>>[] = []
    for (let i = 0; i < 5; i++) mine.push(await seedWallet(db, 'ten_a', { points: 10 + i }))
    const theirs = await seedWallet(db, 'ten_b', { points: 60 })
    const su = adminSql(getDb().name)
    await su.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      await tx`update wallets set balance = balance + 4 where id = ${mine[3]!.wallet.id}`
      await tx`update wallets set balance = balance + 9 where id = ${theirs.wallet.id}`
    })
    await su.end()

    const progress: { walletsChecked: number; walletsTotal: number }[] = []
    const run = await reconcileLedger(db, {
      now: new Date(),
      trigger: 'manual',
      tenantId: 'ten_a',
      batchSize: 2,
      onProgress: ({ walletsChecked, walletsTotal }) => void progress.push({ walletsChecked, walletsTotal }),
    })
    expect(run.walletsChecked).toBe(5)
    expect(run.findings.map(({ kind, walletId, difference }) => ({ kind, walletId, difference }))).toEqual([
      { kind: 'projection_mismatch', walletId: mine[3]!.wallet.id, difference: 4 },
    ])
    // Progress after each batch of two wallets, out of the tenant's five.
    expect(progress).toEqual([0, 2, 4, 5].map((walletsChecked) => ({ walletsChecked, walletsTotal: 5 })))
    // The other shop's drift is untouched by this run and found by the platform-wide one.
    expect((await walletSums(db, theirs.wallet.id)).balance).toBe(69)
    const all = await reconcileLedger(db, { now: new Date(), trigger: 'scheduled', batchSize: 3 })
    // (ten_r's lot faults from the previous test are reported again, as they should be.)
    expect(all.findings.filter((f) => f.tenantId !== 'ten_r').map((f) => f.walletId)).toEqual([theirs.wallet.id])
    expect(all.walletsChecked).toBe(mine.length + 1 + 3 + 5)
  })
})
