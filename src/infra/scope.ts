// Every tenant-owned query runs inside a transaction that names its tenant to Postgres, so
// row-level security (the second wall) sees it. set_config(…, true) is transaction-local: a
// pooled connection never carries one tenant's setting into another request.
import { sql } from 'drizzle-orm'
import type { Db, Tx } from './db'
import { runPrepared } from './prepared'

export type TenantScope = { readonly tenantId: string }

export async function inTenant<T>(db: Db, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await pointAt(tx, scope)
    return fn(tx)
  })
}

/**
 * The tenant each open transaction was last pointed at, so joining front doors (withTenant)
 * skip a round trip when it is already theirs: a sale's award passes through several, and
 * each SELECT set_config was a tenth of the worker's statements (ADR 0019).
 */
const pointedAt = new WeakMap<Tx, string>()

async function pointAt(tx: Tx, scope: TenantScope) {
  await runPrepared(tx, `select set_config('app.tenant_id', $1, true)`, [scope.tenantId])
  // Savepoints are not remembered: one rolled back would take its setting with it.
  if (!(tx as unknown as { nestedIndex: number }).nestedIndex) pointedAt.set(tx, scope.tenantId)
}

/**
 * Cross-tenant work that is legitimate by design: platform admin screens, webhook routing
 * before the tenant is known, scheduled jobs. Callers are few and named in ARCHITECTURE.md.
 */
export async function asSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.scope', 'system', true)`)
    return fn(tx)
  })
}

const isTx = (d: Db | Tx): d is Tx => 'rollback' in d

/**
 * For front doors that accept either a Db or a caller's open transaction: a Db gets its own
 * tenant transaction; a Tx is (re)pointed at the tenant and joined, so the caller's work and
 * ours commit together.
 */
export async function withTenant<T>(d: Db | Tx, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isTx(d)) return inTenant(d, scope, fn)
  if (pointedAt.get(d) !== scope.tenantId) await pointAt(d, scope)
  return fn(d)
}
