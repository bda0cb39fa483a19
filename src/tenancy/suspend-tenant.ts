// Suspend or reinstate a tenant, with a reason, audited in the same transaction. Merchant users
// of a suspended tenant are refused on their next request (the guard reads the status each time).
import { eq } from 'drizzle-orm'
import { recordAudit } from '../audit'
import type { Db } from '../infra/db'
import { asSystem } from '../infra/scope'
import { AppError } from '../shared/errors'
import { tenants } from './tenancy.schema'

export async function setTenantStatus(
  db: Db,
  actorUserId: string,
  tenantId: string,
  status: 'active' | 'suspended',
  reason: unknown,
  now: Date,
) {
  const why = typeof reason === 'string' ? reason.trim() : ''
  if (why.length === 0 || why.length > 500)
    throw new AppError('validation_failed', 'A reason is required', {
      fields: { reason: 'is required (up to 500 characters)' },
    })
  return asSystem(db, async (tx) => {
    const [before] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for('update')
    if (!before) throw new AppError('not_found', 'Tenant not found')
    if (before.status === status)
      throw new AppError(
        'conflict',
        status === 'suspended' ? 'This tenant is already suspended' : 'This tenant is already active',
      )
    const [after] = await tx.update(tenants).set({ status, updatedAt: now }).where(eq(tenants.id, tenantId)).returning()
    await recordAudit(tx, {
      actorUserId,
      action: status === 'suspended' ? 'tenant.suspend' : 'tenant.reinstate',
      target: { type: 'tenant', id: tenantId, tenantId },
      before: { status: before.status },
      after: { status: after!.status },
      reason: why,
      at: now,
    })
    return after!
  })
}
