// bun run db:restore <file> — restores a db:backup file into an EMPTY database named by
// RESTORE_DATABASE_URL (default: DATABASE_MIGRATION_URL, else DATABASE_URL) in one transaction: it either all
// lands or nothing does. Refuses a database that already has tables, so a restore can never
// be mixed into live data. Row-level security is forced on tenant tables, so the restoring
// role must be a superuser or have BYPASSRLS (Fly Postgres' `postgres` user does).
import postgres from 'postgres'
import { ownerUrl, runPgTool } from './pg-tool'

const file = process.argv[2]
if (!file) {
  console.error('usage: RESTORE_DATABASE_URL=<empty database> bun run db:restore <file>')
  process.exit(1)
}
// From the environment, not an argument: argv shows in `ps` and shell history, with the password.
const url = process.env.RESTORE_DATABASE_URL ?? ownerUrl()

const sql = postgres(url, { max: 1, onnotice: () => {} })
const [row] = await sql<
  { n: number }[]
>`select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`
await sql.end()
const n = row?.n ?? 0
if (n > 0) {
  console.error(`the target database already has ${n} tables; restore only into an empty database`)
  process.exit(1)
}
console.log(`restoring ${file}`)
await runPgTool(
  ['pg_restore', '--exit-on-error', '--single-transaction', '--verbose', '--no-password', `--dbname=${url}`, file],
  (line) => /processing data for table "(.+)"/.exec(line)?.[1] ?? null,
)
console.log('restore complete')
