// Routing, in the worker (ADR 0019): receipt stores a delivery without knowing its tenant, so a
// batch of rows is routed here with one connection query, one tenant read per distinct tenant,
// and one system transaction for what routing decides (tenant ids, unknown merchants, held
// rows of suspended tenants, the connections' "last event"). System scope by design: the
// tenant is not known yet (ARCHITECTURE.md).
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { getTenant, type Tenant } from '../../tenancy'
import { PermanentIngestError } from './errors'
import { connectionsFor, type InboxRow, setRowsStatus } from './inbox.repo'
import { touchConnections } from './touch-connection'

export type RoutedRow = { row: InboxRow; connectionId: string }
export type TenantBatch = { tenant: Tenant; rows: RoutedRow[] }
export type Routing = {
  /** Rows ready to process, grouped by tenant (one transaction each). */
  batches: TenantBatch[]
  unmatched: string[]
  held: string[]
  failed: Map<string, Error>
}

export async function routeRows(deps: AppDeps, rows: readonly InboxRow[], now: Date): Promise<Routing> {
  const db = deps.dbh.db
  const routing: Routing = { batches: [], unmatched: [], held: [], failed: new Map() }
  if (!rows.length) return routing
  const pairs = rows.flatMap((r) => (r.externalMerchantId ? [{ provider: r.provider, externalMerchantId: r.externalMerchantId }] : []))
  const connections = await asSystem(db, (tx) => connectionsFor(tx, pairs))
  const connectionOf = (r: InboxRow) => connections.find((c) => c.provider === r.provider && c.externalMerchantId === r.externalMerchantId)

  const tenants = new Map<string, Tenant | null>()
  for (const c of connections) if (!tenants.has(c.tenantId)) tenants.set(c.tenantId, await getTenant(db, c.tenantId))

  const byTenant = new Map<string, TenantBatch>()
  const toRoute = new Map<string, string[]>()
  for (const row of rows) {
    const connection = connectionOf(row)
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
      batch.rows.push({ row, connectionId: connection.id })
      byTenant.set(tenant.id, batch)
    }
    if (row.tenantId !== tenant.id) toRoute.set(tenant.id, [...(toRoute.get(tenant.id) ?? []), row.id])
  }
  routing.batches = [...byTenant.values()]

  await asSystem(db, async (tx) => {
    // A row must carry its tenant before the tenant's own transaction can see it (RLS).
    for (const [tenantId, ids] of toRoute) await setRowsStatus(tx, ids, { tenantId })
    await setRowsStatus(tx, routing.unmatched, { status: 'unmatched_merchant' })
    await setRowsStatus(tx, routing.held, { status: 'held' })
    await touchConnections(
      tx,
      routing.batches.flatMap((b) => b.rows.map((r) => r.connectionId)),
      now,
    )
  })
  return routing
}
