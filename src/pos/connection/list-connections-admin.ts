// Every POS connection across tenants, for the platform admin: which shops' sales are arriving,
// which are not, and whether the owner has been told. System scope: admins see all tenants.
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../infra/db'
import { asSystem } from '../../infra/scope'
import type { PosProvider } from '../registry'
import { posConnections } from '../pos.schema'
import { posConnectionChanges } from './connection.schema'
import { tenants } from '../../infra/schema'

export type AdminConnectionFilter = { provider?: PosProvider; status?: string; limit: number }

export type AdminConnectionRow = {
  id: string
  tenantId: string
  tenantName: string
  provider: PosProvider
  externalMerchantId: string
  status: string
  statusReason: string | null
  statusChangedAt: Date
  lastEventAt: Date | null
  lastPolledAt: Date | null
  lastError: string | null
  /** When the owner was last emailed a reconnect link (the state machine sends one per outage). */
  reconnectEmailAt: Date | null
}

export function listConnectionsForAdmin(db: Db, f: AdminConnectionFilter): Promise<AdminConnectionRow[]> {
  const notified = sql<Date | null>`(select max(${posConnectionChanges.at}) from ${posConnectionChanges} where ${posConnectionChanges.connectionId} = ${posConnections.id} and ${posConnectionChanges.notified} = 1)`
  return asSystem(db, async (tx) => {
    const rows = await tx
      .select({
        id: posConnections.id,
        tenantId: posConnections.tenantId,
        tenantName: tenants.name,
        provider: posConnections.provider,
        externalMerchantId: posConnections.externalMerchantId,
        status: posConnections.status,
        statusReason: posConnections.statusReason,
        statusChangedAt: posConnections.statusChangedAt,
        lastEventAt: posConnections.lastEventAt,
        lastPolledAt: posConnections.lastPolledAt,
        lastError: posConnections.lastError,
        reconnectEmailAt: notified,
      })
      .from(posConnections)
      .innerJoin(tenants, eq(tenants.id, posConnections.tenantId))
      .where(
        and(
          f.provider ? eq(posConnections.provider, f.provider) : undefined,
          f.status ? sql`${posConnections.status} = ${f.status}` : undefined,
        ),
      )
      // Unhealthy first (what the operator came for), then the longest-standing change.
      .orderBy(
        sql`case ${posConnections.status} when 'connected' then 1 else 0 end`,
        posConnections.statusChangedAt,
        desc(posConnections.id),
      )
      .limit(f.limit)
    return rows.map((r) => ({ ...r, reconnectEmailAt: r.reconnectEmailAt ? new Date(r.reconnectEmailAt) : null }))
  })
}
