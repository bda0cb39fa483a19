// Per-tenant ingestion settings, with the defaults when the tenant never changed them.
import { eq } from 'drizzle-orm'
import type { Tx } from '../../infra/db'
import type { TenantScope } from '../../infra/scope'
import { posSettings } from '../pos.schema'
import { DEFAULT_IDENTITY_PRIORITY, type IdentitySignal } from './identity-decision'

export async function identityPriority(tx: Tx, scope: TenantScope): Promise<readonly IdentitySignal[]> {
  const [row] = await tx
    .select({ p: posSettings.identityPriority })
    .from(posSettings)
    .where(eq(posSettings.tenantId, scope.tenantId))
  return row?.p.length ? row.p : DEFAULT_IDENTITY_PRIORITY
}

export async function setIdentityPriority(tx: Tx, scope: TenantScope, priority: IdentitySignal[], now: Date) {
  await tx
    .insert(posSettings)
    .values({ tenantId: scope.tenantId, identityPriority: priority, updatedAt: now })
    .onConflictDoUpdate({ target: posSettings.tenantId, set: { identityPriority: priority, updatedAt: now } })
}
