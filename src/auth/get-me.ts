// The /me read model (api-v1): identity, every role with its tenant, and the active tenant
// only while the membership behind it still exists.
import type { Db } from '../infra/db'
import { membershipsOf } from '../tenancy'
import type { Actor } from './actor'

export type RoleEntry = {
  role: 'admin' | 'merchant_owner' | 'merchant_staff' | 'consumer'
  tenant_id?: string
  tenant_name?: string
  tenant_status?: string
}
export type Me = {
  user_id: string
  email: string | null
  phone: string | null
  roles: RoleEntry[]
  active_tenant_id?: string
}

export async function getMe(db: Db, actor: Actor): Promise<Me> {
  const ms = await membershipsOf(db, actor.userId)
  const roles: RoleEntry[] = []
  if (actor.isAdmin) roles.push({ role: 'admin' })
  for (const m of ms)
    roles.push({ role: m.role, tenant_id: m.tenantId, tenant_name: m.tenantName, tenant_status: m.tenantStatus })
  // Every signed-in person can hold wallets, so everyone is also a consumer.
  roles.push({ role: 'consumer' })
  return {
    user_id: actor.userId,
    email: actor.email,
    phone: actor.phone,
    roles,
    ...(actor.tenant ? { active_tenant_id: actor.tenant.id } : {}),
  }
}
