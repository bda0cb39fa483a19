// Rule-set versions in the database. Stored data is re-validated on the way out (the schema
// is the type), so a row written by an older build can never be evaluated unchecked.
import { and, desc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../infra/db'
import { newId } from '../shared/ids'
import { defaultRuleSet } from './default-rule-set'
import { parseRuleSet } from './parse-rule-set'
import type { RuleSet } from './rule-set'
import { ruleVersions } from './rules.schema'

export type StoredRuleVersion = { id: string; tenantId: string; version: number; ruleSet: RuleSet; changes: string[]; createdBy: string | null; createdAt: Date }

function toStored(row: typeof ruleVersions.$inferSelect): StoredRuleVersion {
  const parsed = parseRuleSet(row.ruleSet)
  if (!parsed.ok) throw new Error(`rule version ${row.id} no longer parses`)
  return { ...row, ruleSet: parsed.value, changes: row.changes ?? [] }
}

/** Version 1 for a new tenant: the api-v1.md default. Call inside the tenant-creating transaction. */
export async function createInitialRuleVersion(tx: DbOrTx, tenantId: string, currency: string, at: Date): Promise<StoredRuleVersion> {
  const [row] = await tx
    .insert(ruleVersions)
    .values({ id: newId('rul', at.getTime()), tenantId, version: 1, ruleSet: defaultRuleSet(currency), changes: ['Initial rules'], createdAt: at })
    .returning()
  return toStored(row!)
}

/** The active version: the highest number. Caller runs inside the tenant's scope. */
export async function activeRuleVersion(tx: DbOrTx, tenantId: string): Promise<StoredRuleVersion | null> {
  const [row] = await tx.select().from(ruleVersions).where(eq(ruleVersions.tenantId, tenantId)).orderBy(desc(ruleVersions.version)).limit(1)
  return row ? toStored(row) : null
}

export async function ruleVersionById(tx: DbOrTx, tenantId: string, id: string): Promise<StoredRuleVersion | null> {
  const [row] = await tx.select().from(ruleVersions).where(and(eq(ruleVersions.tenantId, tenantId), eq(ruleVersions.id, id)))
  return row ? toStored(row) : null
}
