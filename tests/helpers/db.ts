// A fresh database per test file, cloned from a migrated template. The template's name carries
// a hash of drizzle/, so a changed migration builds a new template instead of reusing a stale one.
// Two roles, like production (ADR 0018): the template is migrated by an owner role, and tests
// connect as a role that owns nothing and has no SUPERUSER or BYPASSRLS, so row-level security
// and the grants are really exercised.
import { afterAll, beforeAll } from 'bun:test'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import postgres from 'postgres'
import { type DbHandle, openDb } from '../../src/infra/db'
import { migrateDatabase } from '../../src/infra/migrate-database'

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL!
export const APP_ROLE = 'salesarck_app'
/** Owns the tables; only migrations (and tests that need owner rights) connect as it. */
export const OWNER_ROLE = 'salesarck_owner'

export function urlFor(dbName: string, user = APP_ROLE): string {
  const u = new URL(ADMIN_URL)
  u.username = user
  u.password = ''
  u.pathname = `/${dbName}`
  return u.toString()
}

function migrationsHash(): string {
  const dir = join(import.meta.dir, '../../drizzle')
  const h = createHash('sha256')
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    h.update(f).update(readFileSync(join(dir, f)))
  return h.digest('hex').slice(0, 12)
}

/** Creates the two roles once per cluster; call under the advisory lock. */
export async function ensureRoles(admin: postgres.Sql): Promise<void> {
  for (const role of [APP_ROLE, OWNER_ROLE]) {
    const found = await admin`select 1 from pg_roles where rolname = ${role}`
    if (!found.length) await admin.unsafe(`create role ${role} login nosuperuser nobypassrls`)
  }
}

async function ensureTemplate(admin: postgres.Sql): Promise<string> {
  const tpl = `salesarck_tpl_${migrationsHash()}`
  await admin`select pg_advisory_lock(727272)`
  try {
    await ensureRoles(admin)
    const exists = await admin`select 1 from pg_database where datname = ${tpl}`
    if (!exists.length) {
      await admin.unsafe(`drop database if exists "${tpl}_build" with (force)`)
      await admin.unsafe(`create database "${tpl}_build" owner ${OWNER_ROLE}`)
      await migrateDatabase({ migrationUrl: urlFor(`${tpl}_build`, OWNER_ROLE), runtimeUrl: urlFor(`${tpl}_build`) })
      // Renaming after a complete build means a crashed build never leaves a half template.
      await admin.unsafe(`alter database "${tpl}_build" rename to "${tpl}"`)
    }
  } finally {
    await admin`select pg_advisory_unlock(727272)`
  }
  return tpl
}

export type TestDb = { handle: DbHandle; url: string; name: string }

/** Creates a fresh migrated database for this file; returns a getter valid after beforeAll. */
export function useFreshDatabase(opts: { poolMax?: number } = {}): () => TestDb {
  let current: TestDb | undefined
  const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  beforeAll(async () => {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
    try {
      const tpl = await ensureTemplate(admin)
      await admin.unsafe(`create database "${name}" template "${tpl}" owner ${OWNER_ROLE}`)
    } finally {
      await admin.end()
    }
    const url = urlFor(name)
    current = { handle: openDb(url, { max: opts.poolMax ?? 10 }), url, name }
  }, 60_000)
  afterAll(async () => {
    await current?.handle.close()
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.end()
  }, 30_000) // closing the pool and dropping a database can take seconds on a loaded machine
  return () => {
    if (!current) throw new Error('useFreshDatabase: database not ready (used outside a test?)')
    return current
  }
}

/** Superuser access to a test database, for planting faults that the app role cannot. */
export function adminSql(dbName: string): postgres.Sql {
  const u = new URL(ADMIN_URL)
  u.pathname = `/${dbName}`
  return postgres(u.toString(), { max: 1, onnotice: () => {} })
}

/** Drizzle wraps driver errors ("Failed query: …"); the database's own message is the cause. */
export async function dbError(work: () => unknown): Promise<string> {
  try {
    await work()
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause
    return cause?.message ?? (e as Error).message
  }
  throw new Error('expected the database to refuse this statement')
}
