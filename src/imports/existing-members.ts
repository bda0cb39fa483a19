// The shop's members a chunk of planned rows already names, and the new ones written in one
// statement. Each planned row is looked up through the unique (tenant, phone) and (tenant, email)
// indexes one probe at a time (LATERAL … LIMIT 1): a list compared with `= any(…)` lets the
// planner scan every member of the shop whenever the statistics lag behind a big import, and
// did so chunk after chunk.
import { sql } from 'drizzle-orm'
import { execRows, type Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'

export type ExistingMatch = { byPhone: string | null; byEmail: string | null }
export type NewMember = { id: string; phone: string | null; email: string | null; name: string | null }

/** For each contact pair, in order: the member with that phone and the one with that email. */
export async function findExistingMembers(
  tx: Tx,
  scope: TenantScope,
  contacts: { phone: string | null; email: string | null }[],
): Promise<ExistingMatch[]> {
  if (!contacts.length) return []
  return execRows<ExistingMatch>(
    tx,
    sql`select p.id as "byPhone", e.id as "byEmail"
        from unnest(${sql.param(contacts.map((c) => c.phone))}::text[], ${sql.param(contacts.map((c) => c.email))}::text[])
          with ordinality as u(phone, email, n)
        left join lateral (select id from members where tenant_id = ${scope.tenantId} and phone = u.phone limit 1) p on true
        left join lateral (select id from members where tenant_id = ${scope.tenantId} and email = u.email limit 1) e on true
        order by u.n`,
  )
}

export async function insertMembers(tx: Tx, scope: TenantScope, rows: NewMember[], now: Date): Promise<void> {
  if (!rows.length) return
  const column = (pick: (r: NewMember) => string | null) => sql.param(rows.map(pick))
  await tx.execute(
    sql`insert into members (id, tenant_id, phone, email, name, created_at)
        select id, ${scope.tenantId}, phone, email, name, ${now.toISOString()}::timestamptz
        from unnest(${column((r) => r.id)}::text[], ${column((r) => r.phone)}::text[], ${column((r) => r.email)}::text[],
          ${column((r) => r.name)}::text[]) as u(id, phone, email, name)`,
  )
}
