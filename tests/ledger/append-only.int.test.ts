// L6: the ledger's append-only tables refuse UPDATE and DELETE in the database, including the
// lot allocations; a reversal is a new entry and the original stays byte-identical.
import { describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { asSystem, inTenant } from '../../src/infra/scope'
import { earn, ledgerEntries, lotAllocations, reverseEarn } from '../../src/ledger'
import { tenants } from '../../src/tenancy'
import { dbError, useFreshDatabase } from '../helpers/db'
import { seedWallet } from '../helpers/ledger'
import { issueRedemption } from '../../src/ledger'

const getDb = useFreshDatabase()
const refused = /append-only|permission denied/

describe('append-only ledger', () => {
  test('UPDATE and DELETE on entries and lot allocations fail; reversal adds, never edits', async () => {
    const { db } = getDb().handle
    await db.insert(tenants).values({ id: 'ten_ao', name: 'AO', slug: 'ao' })
    const { wallet, scope } = await seedWallet(db, 'ten_ao')
    const { entry } = await earn(db, scope, {
      walletId: wallet.id,
      points: 40,
      referenceType: 'txn',
      referenceId: 'T1',
      ruleVersionId: 'rul_1',
      explanation: '$40.00 at AO → 40 pts',
    })
    expect(
      (
        await earn(db, scope, {
          walletId: wallet.id,
          points: 40,
          referenceType: 'txn',
          referenceId: 'T1',
          ruleVersionId: 'rul_1',
          explanation: 'again',
        })
      ).replayed,
    ).toBe(true)
    await inTenant(db, scope, (tx) =>
      issueRedemption(tx, scope, { walletId: wallet.id, points: 15, shopName: 'AO', now: new Date() }),
    )
    const before = await asSystem(db, (tx) => tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, entry.id)))

    // The app role is refused by privilege before the trigger runs (ADR 0018); the trigger is the
    // wall for the owner role (tests/infra/guards.int.test.ts).
    expect(await dbError(() => asSystem(db, (tx) => tx.update(lotAllocations).set({ points: 0 })))).toMatch(refused)
    expect(await dbError(() => asSystem(db, (tx) => tx.delete(lotAllocations)))).toMatch(refused)
    expect(
      await dbError(() =>
        asSystem(db, (tx) => tx.update(ledgerEntries).set({ points: 1 }).where(eq(ledgerEntries.id, entry.id))),
      ),
    ).toMatch(refused)
    expect(
      await dbError(() => asSystem(db, (tx) => tx.delete(ledgerEntries).where(eq(ledgerEntries.id, entry.id)))),
    ).toMatch(refused)

    const reversal = await reverseEarn(db, scope, { referenceType: 'txn', referenceId: 'T1' })
    expect(reversal?.entry.points).toBe(-25) // 15 were already redeemed: only what is left comes back
    expect(await asSystem(db, (tx) => tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, entry.id)))).toEqual(
      before,
    )
  })
})
