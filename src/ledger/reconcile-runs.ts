// Reading reconciliation runs back (the admin console and API), and the job id a manual run is
// queued under. The run itself is reconcile.ts.
import type { Db } from '../infra/db'
import { asSystem } from '../infra/scope'
import { eq, sql } from 'drizzle-orm'
import { reconciliationFindings, reconciliationRuns } from './ledger.schema'

export async function listRuns(db: Db, limit = 20) {
  return db.select().from(reconciliationRuns).orderBy(sql`${reconciliationRuns.startedAt} desc`).limit(limit)
}

export async function findingsOf(db: Db, runId: string) {
  return asSystem(db, (tx) => tx.select().from(reconciliationFindings).where(eq(reconciliationFindings.runId, runId)))
}

/**
 * The queue job id of a manual run: one per minute (and per tenant for a one-shop run), so a
 * double click or a retried request runs once. Shared by the admin API and the console.
 */
export function manualReconcileJobId(now: Date, tenantId?: string | null): string {
  return `reconcile-manual-${tenantId ? `${tenantId}-` : ''}${Math.floor(now.getTime() / 60_000)}`
}
export const MANUAL_RECONCILE_JOB_ID = /^reconcile-manual-(ten_[0-9a-z]{1,40}-)?\d{1,12}$/
