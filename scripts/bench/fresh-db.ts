// A throwaway migrated database for a benchmark run, owned by the app role (RLS applies, as in
// production). Uses the same local Postgres as the tests; dropped when the run ends.
import postgres from 'postgres'
import { openDb } from '../../src/infra/db'

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const ROLE = 'salesarck_app'

export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${process.pid}_${Date.now().toString(36)}`
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  if (!(await admin`select 1 from pg_roles where rolname = ${ROLE}`).length) await admin.unsafe(`create role ${ROLE} login nosuperuser nobypassrls`)
  await admin.unsafe(`create database "${name}" owner ${ROLE}`)
  await admin.end()
  const u = new URL(ADMIN_URL)
  u.username = ROLE
  u.pathname = `/${name}`
  const h = openDb(u.toString(), { max: 1 })
  await h.migrate()
  await h.close()
  return {
    url: u.toString(),
    async drop() {
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
      await a.unsafe(`drop database if exists "${name}" with (force)`)
      await a.end()
    },
  }
}
