// Reconciliation gives way (ADR 0020): its second lane waits while any other session of the
// database is running a statement, and resumes once the database has been quiet for a second;
// its own transactions never hold it back. Ordering is asserted, not durations.
import { describe, expect, test } from 'bun:test'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { reconcileLedger } from '../../src/ledger'
import { asReconciler, watchActivity } from '../../src/ledger/reconcile-pace'
import { tenants } from '../../src/tenancy'
import { urlFor, useFreshDatabase } from '../helpers/db'
import { seedWallet } from '../helpers/ledger'

const getDb = useFreshDatabase()

describe('reconciliation pace', () => {
  test('waits while another session is running a statement, and goes on once it has finished', async () => {
    const { db } = getDb().handle
    const other = postgres(urlFor(getDb().name), { max: 1, onnotice: () => {} })
    const pace = watchActivity(db)
    try {
      let otherDone = false
      const running = other`select pg_sleep(1.5)`.then(() => {
        otherDone = true
      })
      await Bun.sleep(300) // the sampler has seen it
      await pace.quiet(() => false)
      expect(otherDone).toBe(true)
      await running
    } finally {
      pace.stop()
      await other.end()
    }
  }, 15_000)

  test("the reconciler's own work does not hold it back", async () => {
    const { db } = getDb().handle
    const pace = watchActivity(db)
    try {
      let ownDone = false
      const own = asReconciler(db, (tx) => tx.execute(sql`select pg_sleep(3)`)).then(() => {
        ownDone = true
      })
      await Bun.sleep(300)
      await pace.quiet(() => false)
      expect(ownDone).toBe(false)
      await own
    } finally {
      pace.stop()
    }
  }, 15_000)

  test('a run finishes while other sessions never stop: the first lane does the whole run', async () => {
    const { db } = getDb().handle
    await db.insert(tenants).values({ id: 'ten_busy', name: 'Busy', slug: 'busy' })
    for (let i = 0; i < 6; i++) await seedWallet(db, 'ten_busy', { points: 10 + i })
    const other = postgres(urlFor(getDb().name), { max: 1, onnotice: () => {} })
    let busy = true
    const traffic = (async () => {
      while (busy) await other`select pg_sleep(0.02)`
    })()
    try {
      const run = await reconcileLedger(db, { now: new Date(), trigger: 'manual', batchSize: 2 })
      expect(run.walletsChecked).toBe(6)
      expect(run.findings).toEqual([])
    } finally {
      busy = false
      await traffic
      await other.end()
    }
  }, 15_000)
})
