// Statements on the worker's per-sale path (and the receipt's group INSERT), written once as SQL
// text and run as named prepared statements on the caller's transaction (ADR 0019, "Prepared
// statements on the award path").
// drizzle builds every query afresh, at tens to hundreds of µs of CPU each, and postgres.js
// sends an unnamed statement with parameters as two round trips (describe, then bind and
// execute); a named one is parsed once per connection and then costs one round trip.
//
// Deploys: Postgres re-plans a prepared statement by itself after DDL on its tables, but refuses
// to run one whose result columns changed ("cached plan must not change result type"), which
// inside a transaction would fail it. So a statement never returns `*` and casts every column
// it returns to the type the code reads (columnsOf does both): a column a migration adds, drops
// elsewhere or widens (text to varchar, integer to bigint) leaves the result as it was, and
// running workers carry on across the migration (tests/pos/ingest/migration-under-worker.int.test.ts).
import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm'
import type { DbOrTx } from './db'

type PostgresJsClient = {
  unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<Record<string, unknown>[]>
}
type PgliteClient = { query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }> }

/** The transaction's own driver connection, or the database's pool (drizzle keeps either on the session). */
const clientOf = (tx: DbOrTx) =>
  (tx as unknown as { session: { client: PostgresJsClient | PgliteClient } }).session.client

/**
 * Runs `text` ($1, $2, … for `params`) as a named prepared statement in the transaction (or, given
 * the database, as a statement of its own on any pooled connection). Rows
 * come back as the driver gives them: column names as in SQL, timestamps as strings (see
 * tableRow). Dates are sent as ISO strings, as drizzle sends them.
 */
export async function runPrepared<T = Record<string, unknown>>(
  tx: DbOrTx,
  text: string,
  params: readonly unknown[],
): Promise<T[]> {
  const values = params.map((p) => (p instanceof Date ? p.toISOString() : p))
  const client = clientOf(tx)
  // PGlite (development without a server) has no statement cache to speak of: plain queries.
  if ('unsafe' in client) return (await client.unsafe(text, values, { prepare: true })) as T[]
  return (await client.query(text, values)).rows as T[]
}

/** A table's columns for hand-written statements: their names, and rows mapped as drizzle maps them. */
export type TableColumns<T extends Table> = {
  /** `"id"::text as "id", …`: every column the code knows, by name, as the type the code reads it as. */
  list: string
  /** A driver row (SQL column names) → the table's select type. */
  row(raw: Record<string, unknown>): InferSelectModel<T>
  /** The quoted SQL name of the column named by `key` in the code. */
  name(key: keyof InferSelectModel<T> & string): string
  /** A value as drizzle would send it for the column named by `key` (dates, JSON). */
  param(key: keyof InferSelectModel<T> & string, value: unknown): unknown
}

export function columnsOf<T extends Table>(table: T): TableColumns<T> {
  const columns = Object.entries(getTableColumns(table))
  const byName = new Map(columns.map(([key, column]) => [column.name, { key, column }]))
  const byKey = new Map(columns)
  const columnNamed = (key: string) => {
    const column = byKey.get(key)
    if (!column) throw new Error(`${key} is not a column of this table`)
    return column
  }
  return {
    list: columns.map(([, c]) => `"${c.name}"::${c.getSQLType()} as "${c.name}"`).join(', '),
    row(raw) {
      const out: Record<string, unknown> = {}
      for (const name in raw) {
        const c = byName.get(name)
        const value = raw[name]
        if (c) out[c.key] = value === null ? null : c.column.mapFromDriverValue(value)
      }
      return out as InferSelectModel<T>
    },
    name: (key) => `"${columnNamed(key).name}"`,
    param(key, value) {
      return value === null || value === undefined ? null : columnNamed(key).mapToDriverValue(value)
    },
  }
}
