// One Drizzle schema, two drivers: postgres.js whenever DATABASE_URL is set (tests, CI,
// production) and embedded PGlite under .data/ in development so `bun run dev` needs no server.
import { PGlite } from '@electric-sql/pglite'
import { type SQL, sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as liteDrizzle } from 'drizzle-orm/pglite'
import { migrate as liteMigrate } from 'drizzle-orm/pglite/migrator'
import { drizzle as pgDrizzle } from 'drizzle-orm/postgres-js'
import { migrate as pgMigrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

// No schema is handed to drizzle: its relational query API (db.query.*) is unused here, and
// with a schema every transaction and savepoint builds a query helper per table (ADR 0019).
export type Db = PgDatabase<PgQueryResultHKT>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export type DbHandle = {
  db: Db
  kind: 'postgres' | 'pglite'
  /** Applies drizzle/ and the guards; `grantTo` names the runtime role to grant (ADR 0018). */
  migrate(opts?: MigrateOptions): Promise<void>
  ping(): Promise<void>
  close(): Promise<void>
}

export type MigrateOptions = { grantTo?: string }

export type PoolOptions = { max?: number; connectTimeoutS?: number; idleTimeoutS?: number }

const migrationsFolder = new URL('../../drizzle', import.meta.url).pathname

/** Normalises the two drivers' raw result shapes (postgres.js: array; PGlite: { rows }). */
export function rows<T>(r: unknown): T[] {
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[]
}

export async function execRows<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  return rows<T>(await db.execute(q))
}

/**
 * A unique_violation (of `constraint`, when named): the one check for SQLSTATE 23505. drizzle
 * wraps driver errors, so the code sits on the error or its cause; postgres.js names the
 * constraint `constraint_name`, PGlite `constraint`. An error that names none counts as a match.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const {
      code,
      constraint_name,
      constraint: pgliteName,
    } = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown }
    const name = constraint_name ?? pgliteName
    if (code === '23505') return !constraint || name === undefined || name === constraint
  }
  return false
}

export function openDb(url: string, pool: PoolOptions = {}): DbHandle {
  if (url.startsWith('pglite://')) {
    const dir = url.slice('pglite://'.length)
    const client = dir === 'memory' ? new PGlite() : new PGlite(dir)
    const db = liteDrizzle({ client }) as unknown as Db
    return {
      db,
      kind: 'pglite',
      migrate: async (opts) => {
        await liteMigrate(db as never, { migrationsFolder })
        await applyGuards(db, opts)
      },
      ping: async () => {
        await client.query('select 1')
      },
      close: () => client.close(),
    }
  }
  const client = postgres(url, {
    max: pool.max ?? 10,
    connect_timeout: pool.connectTimeoutS ?? 10,
    idle_timeout: pool.idleTimeoutS ?? 30,
    onnotice: () => {},
  })
  const db = pgDrizzle({ client }) as unknown as Db
  return {
    db,
    kind: 'postgres',
    migrate: async (opts) => {
      await pgMigrate(db as never, { migrationsFolder })
      await applyGuards(db, opts)
    },
    ping: async () => {
      await client`select 1`
    },
    close: () => client.end({ timeout: 5 }),
  }
}

/**
 * Re-applies the database-side guards after every migration: row-level security on every
 * table that has a tenant_id column, the append-only triggers, and the runtime role's grants
 * (when migrations run as a separate owner role). The functions are idempotent and defined in
 * drizzle/ (hand-written migrations), so a table added later cannot slip past them.
 */
async function applyGuards(db: Db, opts: MigrateOptions = {}) {
  await db.execute(sql`select app_apply_tenant_rls()`)
  await db.execute(sql`select app_apply_append_only()`)
  if (opts.grantTo) await db.execute(sql`select app_grant_runtime(${opts.grantTo})`)
}
