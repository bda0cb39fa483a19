// Who is calling, resolved on the server from a verified token on every request: the session
// must be live (logout and refresh-reuse revoke it at once), and the tenant role is read from
// the membership table each time, never trusted from the token alone.
import { eq } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { membershipIn } from '../tenancy'
import type { AccessClaims } from './access-token'
import { users } from './auth.schema'
import { findLiveSession } from './sessions.repo'

export type TenantRole = 'merchant_owner' | 'merchant_staff'
export type Actor = {
  userId: string
  sessionId: string
  email: string | null
  phone: string | null
  isAdmin: boolean
  /** The active tenant, only when the user holds a membership there right now. */
  tenant: { id: string; name: string; role: TenantRole; status: 'active' | 'suspended' } | null
}

export function isPlatformAdmin(
  user: { email: string | null; emailVerifiedAt: Date | null },
  adminEmails: readonly string[],
): boolean {
  return !!user.email && !!user.emailVerifiedAt && adminEmails.includes(user.email.toLowerCase())
}

export async function resolveActor(
  db: Db,
  adminEmails: readonly string[],
  claims: AccessClaims,
  now: Date,
): Promise<Actor | null> {
  const session = await findLiveSession(db, claims.sid, now)
  if (!session || session.userId !== claims.sub) return null
  const [user] = await db.select().from(users).where(eq(users.id, claims.sub))
  if (!user || user.erasedAt) return null
  const m = claims.tid ? await membershipIn(db, user.id, claims.tid) : null
  return {
    userId: user.id,
    sessionId: session.id,
    email: user.email,
    phone: user.phone,
    isAdmin: isPlatformAdmin(user, adminEmails),
    tenant: m ? { id: m.tenantId, name: m.tenantName, role: m.role, status: m.tenantStatus } : null,
  }
}
