// Per-tenant ingestion settings, with the defaults when the tenant never changed them.
import type { Tx } from '../../infra/db'
import { runPrepared } from '../../infra/prepared'
import type { TenantScope } from '../../infra/scope'
import { posSettings } from '../pos.schema'
import { DEFAULT_IDENTITY_PRIORITY, type IdentitySignal } from './identity-decision'

/** Read by every chunk of sales the worker applies, hence prepared (infra/prepared.ts). */
export async function identityPriority(tx: Tx, scope: TenantScope): Promise<readonly IdentitySignal[]> {
  const [row] = await runPrepared<{ p: IdentitySignal[] }>(
    tx,
    'select identity_priority::jsonb as p from pos_settings where tenant_id = $1',
    [scope.tenantId],
  )
  return row?.p.length ? row.p : DEFAULT_IDENTITY_PRIORITY
}

export async function setIdentityPriority(tx: Tx, scope: TenantScope, priority: IdentitySignal[], now: Date) {
  await tx
    .insert(posSettings)
    .values({ tenantId: scope.tenantId, identityPriority: priority, updatedAt: now })
    .onConflictDoUpdate({ target: posSettings.tenantId, set: { identityPriority: priority, updatedAt: now } })
}
