// Row-level security only binds a role that owns nothing (issue 12 item 7, ADR 0018). These
// tests run as the app role the test databases hand out (tests/helpers/db.ts), and start the
// real server in production mode as the wrong roles to see it refuse.
import { beforeAll, describe, expect, test } from 'bun:test'
import { eq, sql } from 'drizzle-orm'
import { generateKeySpec } from '../../src/auth/keys'
import { asSystem } from '../../src/infra/scope'
import { ledgerEntries, members, tenants, wallets } from '../../src/infra/schema'
import { adminSql, dbError, OWNER_ROLE, urlFor, useFreshDatabase } from '../helpers/db'

const getDb = useFreshDatabase()
const BYPASS_ROLE = 'salesarck_test_bypassrls'

beforeAll(async () => {
  const { db } = getDb().handle
  await db.insert(tenants).values({ id: 'ten_a', name: 'A', slug: 'a' })
  await asSystem(db, async (tx) => {
    await tx.insert(members).values({ id: 'mbr_a', tenantId: 'ten_a', phone: '+15550000001' })
    await tx.insert(wallets).values({ id: 'wal_a', tenantId: 'ten_a', memberId: 'mbr_a', balance: 10 })
    await tx.insert(ledgerEntries).values({
      id: 'ent_a',
      tenantId: 'ten_a',
      walletId: 'wal_a',
      type: 'earn',
      points: 10,
      balanceAfter: 10,
      referenceType: 't',
      referenceId: '1',
      explanation: 'seed',
    })
  })
  const admin = adminSql('postgres')
  await admin`select pg_advisory_lock(727273)`
  if (!(await admin`select 1 from pg_roles where rolname = ${BYPASS_ROLE}`).length)
    await admin.unsafe(`create role ${BYPASS_ROLE} login nosuperuser bypassrls`)
  await admin`select pg_advisory_unlock(727273)`
  await admin.end()
  // Enough to pass the start-up checks that come before the role check (readiness reads).
  const su = adminSql(getDb().name)
  await su.unsafe(`grant select on all tables in schema public to ${BYPASS_ROLE}`)
  await su.end()
})

describe('the app role (DATABASE_URL) cannot get around the database guards', () => {
  test('it cannot UPDATE or DELETE ledger entries, nor switch their trigger off', async () => {
    const { db } = getDb().handle
    expect(
      await dbError(() =>
        asSystem(db, (tx) => tx.update(ledgerEntries).set({ points: 999 }).where(eq(ledgerEntries.id, 'ent_a'))),
      ),
    ).toMatch(/permission denied/)
    expect(
      await dbError(() => asSystem(db, (tx) => tx.delete(ledgerEntries).where(eq(ledgerEntries.id, 'ent_a')))),
    ).toMatch(/permission denied/)
    expect(await dbError(() => db.execute(sql`alter table ledger_entries disable trigger append_only_row`))).toMatch(
      /must be owner/,
    )
    const [row] = await asSystem(db, (tx) => tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, 'ent_a')))
    expect(row?.points).toBe(10)
  })

  test('it cannot read a tenant row without naming the tenant, nor turn row-level security off', async () => {
    const { db } = getDb().handle
    expect(await db.select().from(wallets)).toEqual([])
    expect(await dbError(() => db.execute(sql`alter table wallets no force row level security`))).toMatch(
      /must be owner/,
    )
    expect(await dbError(() => db.execute(sql`alter table wallets disable row level security`))).toMatch(
      /must be owner/,
    )
    expect(await db.select().from(wallets)).toEqual([])
  })

  test('it cannot ALTER, DROP or create tables', async () => {
    const { db } = getDb().handle
    expect(await dbError(() => db.execute(sql`alter table wallets add column note text`))).toMatch(/must be owner/)
    expect(await dbError(() => db.execute(sql`drop table redemptions`))).toMatch(/must be owner/)
    expect(await dbError(() => db.execute(sql`create table shadow (id text)`))).toMatch(/permission denied/)
  })
})

describe('production refuses to start as a role that row-level security does not bind', () => {
  let baseEnv: Record<string, string>
  beforeAll(async () => {
    baseEnv = {
      PATH: process.env.PATH!,
      APP_ENV: 'production',
      ROLE: 'web',
      PORT: '0',
      REDIS_URL: process.env.REDIS_URL!,
      APP_BASE_URL: 'https://salesarck.example',
      TRUSTED_IP_HEADER: 'fly-client-ip',
      JWT_PRIVATE_KEYS: await generateKeySpec('test-1'),
      TOKEN_ENCRYPTION_KEYS: `tok-1:${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`,
      OTP_SECRET: 'db-roles-test-otp-secret-0123456789abcdef',
      NOTIFY_EMAIL_TRANSPORT: 'outbox',
      NOTIFY_SMS_TRANSPORT: 'outbox',
    }
  })

  const start = (databaseUrl: string) => {
    const r = Bun.spawnSync(['bun', 'src/server.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...baseEnv, DATABASE_URL: databaseUrl },
      stdout: 'pipe',
      stderr: 'pipe',
      timeout: 30_000,
    })
    return { exitCode: r.exitCode, out: r.stderr.toString() + r.stdout.toString() }
  }

  test('as the owner of the tables', () => {
    const r = start(urlFor(getDb().name, OWNER_ROLE))
    expect(r.exitCode).toBe(1)
    expect(r.out).toContain('Refusing to start')
    expect(r.out).toContain(`role "${OWNER_ROLE}" owns`)
    expect(r.out).not.toContain('http listening')
  }, 40_000)

  test('as a superuser', () => {
    const superUrl = new URL(process.env.TEST_PG_ADMIN_URL!)
    superUrl.pathname = `/${getDb().name}`
    const r = start(superUrl.toString())
    expect(r.exitCode).toBe(1)
    expect(r.out).toMatch(/Refusing to start: .*is a superuser/)
    expect(r.out).not.toContain('http listening')
  }, 40_000)

  test('as a role with BYPASSRLS', () => {
    const r = start(urlFor(getDb().name, BYPASS_ROLE))
    expect(r.exitCode).toBe(1)
    expect(r.out).toContain(`role "${BYPASS_ROLE}" has BYPASSRLS`)
    expect(r.out).not.toContain('http listening')
  }, 40_000)
})
