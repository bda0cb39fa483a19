// Claim and route a batch, in the worker (ADR 0019): receipt stores a delivery without knowing
// its tenant, so ONE system transaction per batch claims the rows (counting the attempt), finds
// their connections and tenants, and writes what routing decides: tenant ids, unknown merchants
// parked, rows of suspended tenants held, the connections' "last event". System scope by
// design: the tenant is not known yet (ARCHITECTURE.md).
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import type { Tenant } from '../../tenancy'
import { PermanentIngestError } from './errors'
import {
  claimForProcessing,
  connectionNamed,
  connectionsFor,
  existingIds,
  type InboxEvent,
  setRowsStatus,
  tenantsByIds,
} from './inbox.repo'
import { touchConnections } from './touch-connection'

export type RoutedRow = { row: InboxEvent; connectionId: string; connectionStatus: string }
export type TenantBatch = { tenant: Tenant; rows: RoutedRow[] }
export type Routing = {
  /** Rows ready to process, grouped by tenant. */
  batches: TenantBatch[]
  unmatched: string[]
  held: string[]
  /** Finished already (a duplicate job, a replay that lost the race) or unknown ids. */
  done: string[]
  missing: string[]
  failed: Map<string, Error>
}

export async function claimAndRoute(deps: AppDeps, ids: readonly string[], now: Date): Promise<Routing> {
  return asSystem(deps.dbh.db, async (tx) => {
    const routing: Routing = { batches: [], unmatched: [], held: [], done: [], missing: [], failed: new Map() }
    const rows = await claimForProcessing(tx, ids)
    if (rows.length < ids.length) {
      const exist = await existingIds(tx, ids)
      for (const id of ids)
        if (!rows.some((r) => r.id === id)) (exist.has(id) ? routing.done : routing.missing).push(id)
    }
    const pairs = rows.flatMap((r) =>
      r.externalMerchantId ? [{ provider: r.provider, externalMerchantId: r.externalMerchantId }] : [],
    )
    const connections = await connectionsFor(tx, pairs)
    const tenants = new Map(
      (
        await tenantsByIds(
          tx,
          connections.map((c) => c.tenantId),
        )
      ).map((t) => [t.id, t]),
    )

    const byTenant = new Map<string, TenantBatch>()
    const toRoute = new Map<string, string[]>()
    for (const row of rows) {
      const connection = row.externalMerchantId
        ? connectionNamed(connections, row.provider, row.externalMerchantId)
        : undefined
      // Unknown merchants are kept, not dropped (api-v1.md), and claimed when linked.
      if (!connection) {
        routing.unmatched.push(row.id)
        continue
      }
      const tenant = tenants.get(connection.tenantId)
      if (!tenant) {
        routing.failed.set(row.id, new PermanentIngestError('the connection names a tenant that does not exist'))
        continue
      }
      if (tenant.status === 'suspended') {
        // Stored and held: the sweeper hands it back once the tenant is reinstated.
        routing.held.push(row.id)
      } else {
        const batch = byTenant.get(tenant.id) ?? { tenant, rows: [] }
        batch.rows.push({ row, connectionId: connection.id, connectionStatus: connection.status })
        byTenant.set(tenant.id, batch)
      }
      if (row.tenantId !== tenant.id) toRoute.set(tenant.id, [...(toRoute.get(tenant.id) ?? []), row.id])
    }
    routing.batches = [...byTenant.values()]

    // A row must carry its tenant before the tenant's own transaction can see it (RLS).
    for (const [tenantId, routed] of toRoute) await setRowsStatus(tx, routed, { tenantId })
    await setRowsStatus(tx, routing.unmatched, { status: 'unmatched_merchant' })
    await setRowsStatus(tx, routing.held, { status: 'held' })
    await touchConnections(
      tx,
      routing.batches.flatMap((b) => b.rows.map((r) => r.connectionId)),
      now,
    )
    return routing
  })
}
