import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id } from '../infra/columns'

/**
 * Immutable record of every admin action (append-only, enforced by trigger). tenant_id is
 * nullable because some actions are platform-wide; it is therefore not under tenant RLS and is
 * only read through the admin API.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    actorUserId: text('actor_user_id').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    targetTenantId: text('target_tenant_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason').notNull(),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_events_created').on(t.createdAt), index('audit_events_target').on(t.targetType, t.targetId)],
)
