// Tenants and memberships. Membership lookups happen before a tenant is active (sign-in, the
// switcher), so they run in system scope and always filter by the user.
import { and, eq } from 'drizzle-orm'
import type { Db, DbOrTx } from '../infra/db'
import { asSystem } from '../infra/scope'
import { memberships, tenants } from './tenancy.schema'

export type Tenant = typeof tenants.$inferSelect
export type MembershipRole = (typeof memberships.$inferSelect)['role']
export type Membership = { tenantId: string; role: MembershipRole; tenantName: string; tenantStatus: Tenant['status'] }

export async function getTenant(db: DbOrTx, tenantId: string): Promise<Tenant | null> {
  const [t] = await db.select().from(tenants).where(eq(tenants.id, tenantId))
  return t ?? null
}

export async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  return asSystem(db, (tx) =>
    tx
      .select({
        tenantId: memberships.tenantId,
        role: memberships.role,
        tenantName: tenants.name,
        tenantStatus: tenants.status,
      })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(eq(memberships.userId, userId))
      .orderBy(tenants.name),
  )
}

export async function membershipIn(db: Db, userId: string, tenantId: string): Promise<Membership | null> {
  const rows = await asSystem(db, (tx) =>
    tx
      .select({
        tenantId: memberships.tenantId,
        role: memberships.role,
        tenantName: tenants.name,
        tenantStatus: tenants.status,
      })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId))),
  )
  return rows[0] ?? null
}

/** Every tenant, for the platform admin (tenants carry no tenant_id, so no RLS applies). */
export async function listTenants(db: DbOrTx): Promise<Tenant[]> {
  return db.select().from(tenants).orderBy(tenants.name)
}
