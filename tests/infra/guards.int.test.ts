import { describe, expect, test } from 'bun:test'
import { eq, sql } from 'drizzle-orm'
import { type Db, execRows, openDb } from '../../src/infra/db'
import { asSystem, inTenant } from '../../src/infra/scope'
import { auditEvents, ledgerEntries, members, ruleVersions, tenants, wallets } from '../../src/infra/schema'
import { activeRuleVersion, createInitialRuleVersion } from '../../src/rules'
import { dbError, OWNER_ROLE, urlFor, useFreshDatabase } from '../helpers/db'

const getDb = useFreshDatabase()

/**
 * The app role may not even try to UPDATE an append-only table (privileges, ADR 0018, see
 * tests/security/db-roles.int.test.ts); the triggers are the wall that also holds for the
 * owner role, so they are tested through it.
 */
async function asOwner(work: (db: Db) => Promise<unknown>): Promise<unknown> {
  const h = openDb(urlFor(getDb().name, OWNER_ROLE), { max: 1 })
  try {
    return await work(h.db)
  } finally {
    await h.close()
  }
}

async function seedTwoTenants() {
  const { db } = getDb().handle
  await db.insert(tenants).values([
    { id: 'ten_a', name: 'A', slug: 'a' },
    { id: 'ten_b', name: 'B', slug: 'b' },
  ])
  for (const t of ['a', 'b']) {
    await asSystem(db, async (tx) => {
      await tx
        .insert(members)
        .values({ id: `mbr_${t}`, tenantId: `ten_${t}`, phone: `+1555000000${t === 'a' ? 1 : 2}` })
      await tx.insert(wallets).values({ id: `wal_${t}`, tenantId: `ten_${t}`, memberId: `mbr_${t}`, balance: 10 })
      await tx.insert(ledgerEntries).values({
        id: `ent_${t}`,
        tenantId: `ten_${t}`,
        walletId: `wal_${t}`,
        type: 'earn',
        points: 10,
        balanceAfter: 10,
        referenceType: 'test',
        referenceId: '1',
        explanation: 'seed',
      })
    })
  }
  await db
    .insert(auditEvents)
    .values({ id: 'aud_1', actorUserId: 'usr_x', action: 'test', targetType: 't', targetId: '1', reason: 'seed' })
}

describe('database guards', () => {
  test('a query that forgets its tenant filter still sees only its own tenant (RLS)', async () => {
    await seedTwoTenants()
    const { db } = getDb().handle
    const seen = await inTenant(db, { tenantId: 'ten_a' }, (tx) => tx.select().from(wallets)) // no WHERE on purpose
    expect(seen.map((w) => w.id)).toEqual(['wal_a'])
    // Without any scope the app role sees no tenant rows at all.
    expect(await db.select().from(members)).toEqual([])
  })

  test('a tenant cannot write a row into another tenant', async () => {
    const { db } = getDb().handle
    const attempt = inTenant(db, { tenantId: 'ten_a' }, (tx) =>
      tx.insert(members).values({ id: 'mbr_evil', tenantId: 'ten_b', email: 'x@y.co' }),
    )
    await expect(attempt).rejects.toThrow()
    const b = await asSystem(db, (tx) => tx.select().from(members).where(eq(members.tenantId, 'ten_b')))
    expect(b.map((m) => m.id)).toEqual(['mbr_b'])
  })

  test('UPDATE, DELETE and TRUNCATE on the ledger fail in the database, even for the owner', async () => {
    const { db } = getDb().handle
    await asOwner(async (owner) => {
      expect(
        await dbError(() =>
          asSystem(owner, (tx) => tx.update(ledgerEntries).set({ points: 999 }).where(eq(ledgerEntries.id, 'ent_a'))),
        ),
      ).toMatch(/append-only/)
      expect(
        await dbError(() => asSystem(owner, (tx) => tx.delete(ledgerEntries).where(eq(ledgerEntries.id, 'ent_a')))),
      ).toMatch(/append-only/)
      expect(await dbError(() => asSystem(owner, (tx) => tx.execute(sql`truncate ledger_entries cascade`)))).toMatch(
        /append-only/,
      )
    })
    const still = await asSystem(db, (tx) => tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, 'ent_a')))
    expect(still[0]?.points).toBe(10)
  })

  test('UPDATE and DELETE on the audit log fail in the database, even for the owner', async () => {
    const { db } = getDb().handle
    await asOwner(async (owner) => {
      expect(await dbError(() => owner.update(auditEvents).set({ reason: 'rewritten' }))).toMatch(/append-only/)
      expect(await dbError(() => owner.delete(auditEvents))).toMatch(/append-only/)
    })
    expect((await db.select().from(auditEvents))[0]?.reason).toBe('seed')
  })

  test('every table with a tenant_id has forced row-level security', async () => {
    const { db } = getDb().handle
    const unguarded = await execRows<{ relname: string }>(
      db,
      sql`select c.relname from pg_class c join information_schema.columns col on col.table_name = c.relname
          where col.table_schema = 'public' and col.column_name = 'tenant_id' and c.relkind = 'r'
            and not (c.relrowsecurity and c.relforcerowsecurity)`,
    )
    expect(unguarded).toEqual([])
  })

  test('a balance cannot be written below zero', async () => {
    const { db } = getDb().handle
    expect(
      await dbError(() => asSystem(db, (tx) => tx.update(wallets).set({ balance: -1 }).where(eq(wallets.id, 'wal_a')))),
    ).toMatch(/wallets_balance_non_negative/)
  })
})

describe('rule versions', () => {
  test('a stored rule version cannot be edited or deleted; a change must be a new version', async () => {
    const { db } = getDb().handle
    await asSystem(db, (tx) => createInitialRuleVersion(tx, 'ten_a', 'USD', new Date('2026-01-01T00:00:00Z')))
    await asOwner(async (owner) => {
      expect(await dbError(() => asSystem(owner, (tx) => tx.update(ruleVersions).set({ version: 9 })))).toMatch(
        /append-only/,
      )
      expect(await dbError(() => asSystem(owner, (tx) => tx.delete(ruleVersions)))).toMatch(/append-only/)
    })
    const active = await inTenant(db, { tenantId: 'ten_a' }, (tx) => activeRuleVersion(tx, 'ten_a'))
    expect(active?.version).toBe(1)
  })
})
