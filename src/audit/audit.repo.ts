// The one way admin actions are recorded: actor, action, target, before, after, reason.
// Always written in the same transaction as the change it describes, so neither exists alone.
import { and, desc, eq, lt, or } from 'drizzle-orm'
import type { DbOrTx } from '../infra/db'
import { logContext } from '../infra/logger'
import { newId } from '../shared/ids'
import { auditEvents } from './audit.schema'

export type AuditInput = {
  actorUserId: string
  action: string
  target: { type: string; id: string; tenantId?: string | null }
  before: unknown
  after: unknown
  reason: string
  at: Date
}

export type AuditEvent = typeof auditEvents.$inferSelect

export async function recordAudit(tx: DbOrTx, e: AuditInput): Promise<AuditEvent> {
  const [row] = await tx
    .insert(auditEvents)
    .values({
      id: newId('aud', e.at.getTime()),
      actorUserId: e.actorUserId,
      action: e.action,
      targetType: e.target.type,
      targetId: e.target.id,
      targetTenantId: e.target.tenantId ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      reason: e.reason,
      requestId: logContext.getStore()?.reqId ?? null,
      createdAt: e.at,
    })
    .returning()
  return row!
}

/**
 * Newest first. `before` pages by time; with `beforeId` (the last row seen) it pages by
 * (time, id), so rows written in one transaction with the same time are never skipped.
 */
export async function listAudit(
  db: DbOrTx,
  opts: { limit?: number; before?: Date; beforeId?: string; targetId?: string; action?: string } = {},
): Promise<AuditEvent[]> {
  const page = opts.before
    ? opts.beforeId
      ? or(
          lt(auditEvents.createdAt, opts.before),
          and(eq(auditEvents.createdAt, opts.before), lt(auditEvents.id, opts.beforeId)),
        )
      : lt(auditEvents.createdAt, opts.before)
    : undefined
  const conds = [
    page,
    opts.targetId ? eq(auditEvents.targetId, opts.targetId) : undefined,
    opts.action ? eq(auditEvents.action, opts.action) : undefined,
  ]
  return db
    .select()
    .from(auditEvents)
    .where(and(...conds.filter(Boolean)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(Math.min(opts.limit ?? 100, 500))
}
