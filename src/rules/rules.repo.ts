// Rule-set versions in the database. Stored data is re-validated on the way out (the schema
// is the type), so a row written by an older build can never be evaluated unchecked.
import { and, desc, eq } from 'drizzle-orm'
import { type DbOrTx, isUniqueViolation } from '../infra/db'
import { newId } from '../shared/ids'
import { defaultRuleSet } from './default-rule-set'
import { parseRuleSet } from './parse-rule-set'
import type { RuleSet } from './rule-set'
import { ruleVersions } from './rules.schema'

export type StoredRuleVersion = {
  id: string
  tenantId: string
  version: number
  ruleSet: RuleSet
  changes: string[]
  createdBy: string | null
  createdAt: Date
}

function toStored(row: typeof ruleVersions.$inferSelect): StoredRuleVersion {
  const parsed = parseRuleSet(row.ruleSet)
  if (!parsed.ok) throw new Error(`rule version ${row.id} no longer parses`)
  return { ...row, ruleSet: parsed.value, changes: row.changes ?? [] }
}

/** Version 1 for a new tenant: the api-v1.md default. Call inside the tenant-creating transaction. */
export async function createInitialRuleVersion(
  tx: DbOrTx,
  tenantId: string,
  currency: string,
  at: Date,
): Promise<StoredRuleVersion> {
  const [row] = await tx
    .insert(ruleVersions)
    .values({
      id: newId('rul', at.getTime()),
      tenantId,
      version: 1,
      ruleSet: defaultRuleSet(currency),
      changes: ['Initial rules'],
      createdAt: at,
    })
    .returning()
  return toStored(row!)
}

/** The active version: the highest number. Caller runs inside the tenant's scope. */
export async function activeRuleVersion(tx: DbOrTx, tenantId: string): Promise<StoredRuleVersion | null> {
  const [row] = await tx
    .select()
    .from(ruleVersions)
    .where(eq(ruleVersions.tenantId, tenantId))
    .orderBy(desc(ruleVersions.version))
    .limit(1)
  return row ? toStored(row) : null
}

/** Every version, newest first, for the history screen. Caller runs inside the tenant's scope. */
export async function listRuleVersions(tx: DbOrTx, tenantId: string, limit = 50): Promise<StoredRuleVersion[]> {
  const rows = await tx
    .select()
    .from(ruleVersions)
    .where(eq(ruleVersions.tenantId, tenantId))
    .orderBy(desc(ruleVersions.version))
    .limit(limit)
  return rows.map(toStored)
}

/**
 * Appends a version. The unique (tenant_id, version) index is the arbiter between concurrent
 * publishers: the loser gets a unique violation (see isVersionTaken) instead of a silent overwrite.
 */
export async function insertRuleVersion(
  tx: DbOrTx,
  row: { tenantId: string; version: number; ruleSet: RuleSet; changes: string[]; createdBy: string | null; at: Date },
): Promise<StoredRuleVersion> {
  const [inserted] = await tx
    .insert(ruleVersions)
    .values({
      id: newId('rul', row.at.getTime()),
      tenantId: row.tenantId,
      version: row.version,
      ruleSet: row.ruleSet,
      changes: row.changes,
      createdBy: row.createdBy,
      createdAt: row.at,
    })
    .returning()
  return toStored(inserted!)
}

/** True when an insert lost the race for a version number. */
export const isVersionTaken = (error: unknown) => isUniqueViolation(error, 'rule_versions_tenant_version')

export async function ruleVersionById(tx: DbOrTx, tenantId: string, id: string): Promise<StoredRuleVersion | null> {
  const [row] = await tx
    .select()
    .from(ruleVersions)
    .where(and(eq(ruleVersions.tenantId, tenantId), eq(ruleVersions.id, id)))
  return row ? toStored(row) : null
}
