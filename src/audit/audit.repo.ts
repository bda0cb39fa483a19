// The one way admin actions are recorded: actor, action, target, before, after, reason.
// Always written in the same transaction as the change it describes, so neither exists alone.
import { and, desc, eq, lt } from 'drizzle-orm'
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

export async function listAudit(db: DbOrTx, opts: { limit?: number; before?: Date; targetId?: string } = {}): Promise<AuditEvent[]> {
  const conds = [opts.before ? lt(auditEvents.createdAt, opts.before) : undefined, opts.targetId ? eq(auditEvents.targetId, opts.targetId) : undefined]
  return db
    .select()
    .from(auditEvents)
    .where(and(...conds.filter(Boolean)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(Math.min(opts.limit ?? 100, 500))
}
