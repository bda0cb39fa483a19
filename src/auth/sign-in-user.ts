// What happens once a destination is proven (by our code or by Supabase): find or create the
// user, mark the channel verified, turn waiting invitations into memberships, and pick the
// active tenant when there is exactly one to pick; link the till-side members they now own.
import { eq } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { linkMembersToUser } from '../members'
import { claimInvites, membershipsOf } from '../tenancy'
import { newId } from '../shared/ids'
import { users } from './auth.schema'
import type { Destination } from './destination'

export type SignedInUser = { userId: string; defaultTenantId: string | null }

async function findUser(db: Db, d: Destination, externalAuthId?: string) {
  if (externalAuthId) {
    const [byExternal] = await db.select().from(users).where(eq(users.externalAuthId, externalAuthId))
    if (byExternal) return byExternal
  }
  const [row] = await db
    .select()
    .from(users)
    .where(d.channel === 'email' ? eq(users.email, d.value) : eq(users.phone, d.value))
  return row ?? null
}

export async function signInUser(db: Db, d: Destination, now: Date, externalAuthId?: string): Promise<SignedInUser> {
  const verified =
    d.channel === 'email' ? { email: d.value, emailVerifiedAt: now } : { phone: d.value, phoneVerifiedAt: now }
  let user = await findUser(db, d, externalAuthId)
  if (user?.erasedAt) user = null // an erased identity is never revived; its email/phone were cleared
  let userId: string
  if (user) {
    userId = user.id
    await db
      .update(users)
      .set({ ...verified, ...(externalAuthId ? { externalAuthId } : {}) })
      .where(eq(users.id, userId))
  } else {
    userId = newId('usr', now.getTime())
    await db
      .insert(users)
      .values({ id: userId, ...verified, externalAuthId: externalAuthId ?? null, createdAt: now })
      // Two first sign-ins racing for one address: the loser re-reads the winner's row.
      .onConflictDoNothing()
    const again = await findUser(db, d, externalAuthId)
    userId = again?.id ?? userId
  }
  await claimInvites(db, userId, d, now)
  // Points earned at the till before this person ever signed in: members with a phone or
  // email they have now verified become theirs, and those wallets appear in their account.
  const [fresh] = await db.select().from(users).where(eq(users.id, userId))
  if (fresh) await linkMembersToUser(db, fresh)
  const ms = await membershipsOf(db, userId)
  return { userId, defaultTenantId: ms.length === 1 ? ms[0]!.tenantId : null }
}
