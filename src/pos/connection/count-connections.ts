// Connections per provider and status across tenants, for the operators' gauges: a wave of
// degraded or disconnected connections means a provider outage or a broken credential.
import { sql } from 'drizzle-orm'
import { type Db, execRows } from '../../infra/db'
import { asSystem } from '../../infra/scope'

export type ConnectionCount = { provider: string; status: string; count: number }

export async function countConnectionsByStatus(db: Db): Promise<ConnectionCount[]> {
  const rows = await asSystem(db, (tx) =>
    execRows<{ provider: string; status: string; n: number }>(
      tx,
      sql`select provider, status, count(*)::int as n from pos_connections group by 1, 2`,
    ),
  )
  return rows.map((r) => ({ provider: r.provider, status: r.status, count: Number(r.n) }))
}
