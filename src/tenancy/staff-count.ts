// How many staff a shop has, joined or invited: the getting-started checklist's "invite your
// staff" step is done once there is one (owners excluded: the step asks about staff).
import { and, eq } from 'drizzle-orm'
import type { AppDeps } from '../infra/deps'
import { inTenant, type TenantScope } from '../infra/scope'
import { memberships, tenantInvites } from './tenancy.schema'

export async function staffCount(deps: AppDeps, scope: TenantScope): Promise<number> {
  return inTenant(deps.dbh.db, scope, async (tx) => {
    const joined = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.tenantId, scope.tenantId), eq(memberships.role, 'merchant_staff')))
    const invited = await tx
      .select({ id: tenantInvites.id })
      .from(tenantInvites)
      .where(and(eq(tenantInvites.tenantId, scope.tenantId), eq(tenantInvites.role, 'merchant_staff')))
    return joined.length + invited.length
  })
}
