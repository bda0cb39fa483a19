// Row-level security only binds a role that is not a superuser, has no BYPASSRLS and does not
// own the tables (ADR 0018). Production checks its own connection at start and refuses to run
// otherwise, because a misconfigured DATABASE_URL would silently turn the second wall off.
import { sql } from 'drizzle-orm'
import { type DbHandle, execRows } from './db'

type RoleFacts = { rolname: string; rolsuper: boolean; rolbypassrls: boolean; owned: number }

/** Why this connection's role must not run the app; empty when it may. PGlite is dev-only. */
export async function runtimeRoleProblems(dbh: DbHandle): Promise<string[]> {
  if (dbh.kind !== 'postgres') return []
  // pg_has_role(owner, 'USAGE') is true for the owner itself and for any role that inherits
  // the owner's rights, which is just as able to ALTER or disable the guards.
  const [r] = await execRows<RoleFacts>(
    dbh.db,
    sql`select r.rolname, r.rolsuper, r.rolbypassrls,
          (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
              and pg_has_role(c.relowner, 'USAGE'))::int as owned
        from pg_roles r where r.rolname = current_user`,
  )
  if (!r) return ['the database role could not be inspected']
  const problems: string[] = []
  if (r.rolsuper) problems.push(`role "${r.rolname}" is a superuser`)
  if (r.rolbypassrls) problems.push(`role "${r.rolname}" has BYPASSRLS`)
  if (Number(r.owned) > 0)
    problems.push(
      `role "${r.rolname}" owns ${r.owned} app tables (run migrations as a separate owner role: DATABASE_MIGRATION_URL)`,
    )
  return problems
}
