// Admin console: the nightly POS reconciliation reports (what the POS had in the last 48 h
// versus what we ingested), newest first, across tenants (system scope, platform admins only).
import { desc, eq } from 'drizzle-orm'
import type { Db } from '../../infra/db'
import { asSystem } from '../../infra/scope'
import { tenants } from '../../tenancy'
import { posReconciliationReports } from './connection.schema'

export type PosReconciliationRow = {
  id: string
  tenantName: string
  provider: string
  windowStart: Date
  windowEnd: Date
  posCount: number
  ingestedCount: number
  missing: number
  outcome: 'clean' | 'repaired' | 'failed'
  createdAt: Date
}

export async function listPosReconciliationReports(db: Db, limit = 50): Promise<PosReconciliationRow[]> {
  const rows = await asSystem(db, (tx) =>
    tx
      .select({ r: posReconciliationReports, tenantName: tenants.name })
      .from(posReconciliationReports)
      .innerJoin(tenants, eq(tenants.id, posReconciliationReports.tenantId))
      .orderBy(desc(posReconciliationReports.createdAt))
      .limit(Math.min(limit, 200)),
  )
  return rows.map(({ r, tenantName }) => ({
    id: r.id,
    tenantName,
    provider: r.provider,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    posCount: r.posCount,
    ingestedCount: r.ingestedCount,
    missing: r.missing.length,
    outcome: r.outcome,
    createdAt: r.createdAt,
  }))
}
