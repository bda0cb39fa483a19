// The active version straight from the database (the cache's loader, and the fallback when no
// cache is wired). A tenant created before rule versions existed gets the api-v1 default as
// version 1 on first read, so "exactly one active version" holds for every tenant.
import type { Db } from '../infra/db'
import { inTenant } from '../infra/scope'
import { getTenant } from '../tenancy'
import { activeRuleVersion, createInitialRuleVersion, isVersionTaken, type StoredRuleVersion } from './rules.repo'

export async function loadActiveRuleVersion(db: Db, tenantId: string, now: Date): Promise<StoredRuleVersion> {
  const found = await inTenant(db, { tenantId }, (tx) => activeRuleVersion(tx, tenantId))
  if (found) return found
  const tenant = await getTenant(db, tenantId)
  if (!tenant) throw new Error(`tenant ${tenantId} does not exist`)
  try {
    return await inTenant(db, { tenantId }, (tx) => createInitialRuleVersion(tx, tenantId, tenant.currency, now))
  } catch (error) {
    // Two first reads raced to create version 1: the other one's row is just as good.
    if (!isVersionTaken(error)) throw error
    const winner = await inTenant(db, { tenantId }, (tx) => activeRuleVersion(tx, tenantId))
    if (!winner) throw error
    return winner
  }
}
