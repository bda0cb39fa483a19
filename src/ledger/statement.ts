// Read models for portals and the API: a wallet's ledger, newest first.
import type { Db } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { type Entry, entriesOf } from './ledger.repo'

export function walletStatement(db: Db, scope: TenantScope, walletId: string, limit = 100): Promise<Entry[]> {
  return inTenant(db, scope, (tx) => entriesOf(tx, scope, walletId, Math.min(limit, 500)))
}

/** The API's entry shape (api-v1.md, Consumer). */
export function entryJson(e: Entry) {
  return {
    entry_id: e.id,
    type: e.type,
    points: e.points,
    balance_after: e.balanceAfter,
    created_at: e.createdAt.toISOString(),
    reference: { type: e.referenceType, id: e.referenceId },
    ...(e.ruleVersionId ? { rule_version_id: e.ruleVersionId } : {}),
    explanation: e.explanation,
  }
}
