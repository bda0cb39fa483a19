// A backup is only as good as its restore: back up a seeded platform with `bun run db:backup`,
// restore it with `bun run db:restore` into a fresh database (both as real processes, as an
// operator would run them), and find every balance, ledger sum and audit row identical.
import { afterAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { seedDemo } from '../../src/demo/seed'
import { adminSql } from '../helpers/db'
import { useTestApp } from '../helpers/app'

const getApp = useTestApp()
const dir = mkdtempSync(join(tmpdir(), 'sa-backup-'))
const restored = `restore_${process.pid}_${Date.now().toString(36)}`
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL!
const urlOf = (db: string) => Object.assign(new URL(ADMIN_URL), { pathname: `/${db}` }).toString()

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists "${restored}" with (force)`)
  await admin.end()
})

async function run(script: string, args: string[], env: Record<string, string>) {
  const proc = Bun.spawn(['bun', 'run', '--silent', script, ...args], {
    cwd: join(import.meta.dir, '../..'),
    env: { ...process.env, ...env },
    stdout: 'pipe',
    stderr: 'pipe',
  })
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ])
  return { out, err, code }
}

/** What the books and the audit trail say, read as the superuser so RLS hides nothing. */
async function snapshot(sql: postgres.Sql) {
  return {
    balances: await sql`select id, tenant_id, balance from wallets order by id`,
    ledgerSums:
      await sql`select wallet_id, sum(points)::bigint as points, count(*)::int as entries from ledger_entries group by wallet_id order by wallet_id`,
    entries: await sql`select * from ledger_entries order by id`,
    lots: await sql`select * from lots order by id`,
    audit: await sql`select * from audit_events order by id`,
    redemptions: await sql`select * from redemptions order by id`,
  }
}

describe('db:backup and db:restore', () => {
  test('a restored backup holds the same balances, ledger sums and audit rows', async () => {
    const t = getApp()
    await seedDemo(t.deps)
    const { name } = { name: new URL(t.config.DATABASE_URL!).pathname.slice(1) }
    const source = adminSql(name)
    const before = await snapshot(source)
    await source.end()
    // The seed must have produced real books, or the comparison below proves nothing.
    expect(before.balances.length).toBeGreaterThan(3)
    expect(before.entries.length).toBeGreaterThan(20)
    expect(before.audit.length).toBeGreaterThan(0)

    const file = join(dir, 'platform.dump')
    const backup = await run('db:backup', [file], { DATABASE_MIGRATION_URL: urlOf(name) })
    expect(backup.code).toBe(0)
    expect(backup.out).toContain('ledger_entries')
    expect(backup.out).toContain('backup written')
    // The URL carries credentials: it must never be printed.
    expect(backup.out + backup.err).not.toContain(urlOf(name))

    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database "${restored}"`)
    await admin.end()
    const restore = await run('db:restore', [file], { RESTORE_DATABASE_URL: urlOf(restored) })
    expect(restore.err).toBe('')
    expect(restore.code).toBe(0)
    expect(restore.out).toContain('restore complete')

    const target = adminSql(restored)
    const after = await snapshot(target)
    // The guards come back too: the restored ledger is still append-only.
    const guard =
      await target`update ledger_entries set points = points + 1 where id = ${String(before.entries[0]!.id)}`.then(
        () => 'updated',
        (e: Error) => e.message,
      )
    await target.end()
    expect(after).toEqual(before)
    expect(guard).toContain('append-only')
  }, 120_000)

  test('restore refuses a database that already has tables', async () => {
    const t = getApp()
    const file = join(dir, 'platform.dump')
    const restore = await run('db:restore', [file], {
      RESTORE_DATABASE_URL: urlOf(new URL(t.config.DATABASE_URL!).pathname.slice(1)),
    })
    expect(restore.code).not.toBe(0)
    expect(restore.err).toContain('restore only into an empty database')
  }, 30_000)
})
