// Builders for tests that need signed-in callers without going through the OTP flow (the
// auth tests cover that flow itself). Everything is written through real tables and the real
// token signer, so guards and RLS see exactly what production would.
import { eq } from 'drizzle-orm'
import { users } from '../../src/auth/auth.schema'
import { createSession } from '../../src/auth/sessions.repo'
import { tokenPair } from '../../src/auth/token-pair'
import type { AppDeps } from '../../src/infra/deps'
import { asSystem } from '../../src/infra/scope'
import { newId } from '../../src/shared/ids'
import { memberships, tenants } from '../../src/tenancy/tenancy.schema'

export async function makeTenant(
  deps: AppDeps,
  p: { name?: string; slug?: string; currency?: string; timeZone?: string; status?: 'active' | 'suspended' } = {},
) {
  const id = newId('ten')
  const slug = p.slug ?? id.slice(-10)
  await deps.dbh.db.insert(tenants).values({
    id,
    name: p.name ?? `Shop ${slug}`,
    slug,
    currency: p.currency ?? 'USD',
    timeZone: p.timeZone ?? 'UTC',
    status: p.status ?? 'active',
  })
  return { id, slug, name: p.name ?? `Shop ${slug}` }
}

export async function makeUser(deps: AppDeps, p: { email?: string; phone?: string } = {}) {
  const id = newId('usr')
  const now = deps.clock()
  await deps.dbh.db.insert(users).values({
    id,
    email: p.email ?? null,
    phone: p.phone ?? null,
    emailVerifiedAt: p.email ? now : null,
    phoneVerifiedAt: p.phone ? now : null,
  })
  return { id, email: p.email ?? null, phone: p.phone ?? null }
}

export async function addMembership(
  deps: AppDeps,
  userId: string,
  tenantId: string,
  role: 'merchant_owner' | 'merchant_staff',
) {
  await asSystem(deps.dbh.db, (tx) => tx.insert(memberships).values({ id: newId('mem'), userId, tenantId, role }))
}

/** A live session and its token pair; `tenantId` makes it the active tenant. */
export async function signIn(deps: AppDeps, userId: string, tenantId: string | null = null) {
  const { session, refreshToken } = await createSession(deps.dbh.db, userId, tenantId, deps.clock())
  return tokenPair(deps.keyring, session, refreshToken, deps.clock())
}

export const bearer = (t: { access_token: string }) => ({ authorization: `Bearer ${t.access_token}` })

export type Caller = { userId: string; headers: Record<string, string>; tenantId?: string }

/** The usual cast: an admin, a merchant owner and staff of one tenant, and a consumer. */
export async function makeCast(deps: AppDeps, tenant?: { id: string }) {
  const t = tenant ?? (await makeTenant(deps))
  const adminEmail = deps.config.ADMIN_EMAILS[0]
  if (!adminEmail) throw new Error('makeCast needs ADMIN_EMAILS in the test config')
  const [existingAdmin] = await deps.dbh.db.select().from(users).where(eq(users.email, adminEmail))
  const admin = existingAdmin ?? (await makeUser(deps, { email: adminEmail }))
  const owner = await makeUser(deps, { email: `owner-${newId('usr').slice(-8)}@shop.test` })
  const staff = await makeUser(deps, { email: `staff-${newId('usr').slice(-8)}@shop.test` })
  const consumer = await makeUser(deps, { phone: `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` })
  await addMembership(deps, owner.id, t.id, 'merchant_owner')
  await addMembership(deps, staff.id, t.id, 'merchant_staff')
  const caller = async (u: { id: string }, tenantId: string | null): Promise<Caller> => ({
    userId: u.id,
    headers: bearer(await signIn(deps, u.id, tenantId)),
    ...(tenantId ? { tenantId } : {}),
  })
  return {
    tenant: t,
    admin: await caller(admin, null),
    owner: await caller(owner, t.id),
    staff: await caller(staff, t.id),
    consumer: await caller(consumer, null),
    users: { admin, owner, staff, consumer },
  }
}
