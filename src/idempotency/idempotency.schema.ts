import { index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { createdAt, ts } from '../infra/columns'

/**
 * Idempotency-Key records: scoped by caller and tenant, with the request body's hash so the
 * same key with a different body is refused, and the first response stored for replay.
 * scope_tenant is '' for calls without a tenant (not NULL, so the primary key holds).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scopeTenant: text('scope_tenant').notNull(),
    callerId: text('caller_id').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('response_status'),
    body: jsonb('response_body'),
    createdAt: createdAt(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.scopeTenant, t.callerId, t.key] }),
    index('idempotency_keys_created').on(t.createdAt),
  ],
)
