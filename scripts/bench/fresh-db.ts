// A throwaway migrated database for a benchmark run, migrated by the owner role and used by the
// app role that owns nothing (RLS applies, as in production, ADR 0018). Uses the same local
// Postgres as the tests; dropped when the run ends.
import postgres from 'postgres'
import { migrateDatabase } from '../../src/infra/migrate-database'

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const ROLE = 'salesarck_app'
const OWNER = 'salesarck_owner'

export async function freshDatabase(): Promise<{ url: string; ownerUrl: string; drop(): Promise<void> }> {
  const name = `bench_${process.pid}_${Date.now().toString(36)}`
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  for (const role of [ROLE, OWNER]) {
    if (!(await admin`select 1 from pg_roles where rolname = ${role}`).length)
      await admin.unsafe(`create role ${role} login nosuperuser nobypassrls`)
  }
  await admin.unsafe(`create database "${name}" owner ${OWNER}`)
  await admin.end()
  const urlAs = (role: string) => {
    const u = new URL(ADMIN_URL)
    u.username = role
    u.pathname = `/${name}`
    return u.toString()
  }
  await migrateDatabase({ migrationUrl: urlAs(OWNER), runtimeUrl: urlAs(ROLE) })
  return {
    url: urlAs(ROLE),
    // For baselines that need their own plain table (the app role may create nothing).
    ownerUrl: urlAs(OWNER),
    async drop() {
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
      await a.unsafe(`drop database if exists "${name}" with (force)`)
      await a.end()
    },
  }
}
