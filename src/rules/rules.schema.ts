import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, tenantId } from '../infra/columns'
import { tenants } from '../tenancy/tenancy.schema'

/**
 * Immutable rule-set versions (append-only, enforced by trigger). The active version is the
 * tenant's highest; publishing inserts the next number, so a tenant can never be left with
 * none and every award keeps pointing at the exact version that produced it.
 */
export const ruleVersions = pgTable(
  'rule_versions',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    version: integer('version').notNull(),
    ruleSet: jsonb('rule_set').notNull(),
    /** What changed from the previous version, in words, for the history screen. */
    changes: jsonb('changes').$type<string[]>().notNull().default([]),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('rule_versions_tenant_version').on(t.tenantId, t.version),
    index('rule_versions_tenant').on(t.tenantId),
  ],
)
