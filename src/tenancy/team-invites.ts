// An owner invites staff by email: an invitation row (unique per shop and email, so a repeat is
// the same invitation) that becomes a membership when they sign in with that address, and one
// email with the sign-in link. The shop's team so far, for the settings page and the checklist.
import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'
import { inTenant, type TenantScope } from '../infra/scope'
import { sendMessage } from '../notify'
import { AppError } from '../shared/errors'
import { newId } from '../shared/ids'
import { memberships, tenantInvites, tenants } from './tenancy.schema'

const emailSchema = z.string().trim().toLowerCase().email().max(254)

export type TeamInvite = { email: string; role: 'merchant_owner' | 'merchant_staff'; claimed: boolean }

export async function inviteStaff(deps: AppDeps, scope: TenantScope, rawEmail: unknown, now: Date): Promise<{ email: string; sent: boolean }> {
  const parsed = emailSchema.safeParse(rawEmail)
  if (!parsed.success) throw new AppError('validation_failed', 'Enter an email address, e.g. sam@yourshop.com', { fields: { email: 'Enter an email address, e.g. sam@yourshop.com' } })
  const email = parsed.data
  const { created, shop } = await inTenant(deps.dbh.db, scope, async (tx) => {
    const rows = await tx
      .insert(tenantInvites)
      .values({ id: newId('mem', now.getTime()), tenantId: scope.tenantId, email, role: 'merchant_staff', createdAt: now })
      .onConflictDoNothing()
      .returning({ id: tenantInvites.id })
    const [t] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, scope.tenantId))
    return { created: rows.length > 0, shop: t?.name ?? 'your shop' }
  })
  // A repeated invitation sends nothing new: the first email is still valid.
  if (!created) return { email, sent: false }
  const link = new URL('/signin?as=merchant', deps.config.APP_BASE_URL).toString()
  try {
    await sendMessage(deps, {
      channel: 'email',
      to: email,
      subject: `You are invited to ${shop} on SalesArck`,
      body: `${shop} added you as staff on SalesArck, to redeem customers' reward codes at the till. Sign in with this email address: ${link}`,
    })
    return { email, sent: true }
  } catch (e) {
    log.error({ err: e, tenantId: scope.tenantId }, 'could not send the staff invitation')
    return { email, sent: false }
  }
}

/** Staff who joined plus open invitations (owners excluded: the checklist asks about staff). */
export async function staffCount(deps: AppDeps, scope: TenantScope): Promise<number> {
  return inTenant(deps.dbh.db, scope, async (tx) => {
    const joined = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.tenantId, scope.tenantId), eq(memberships.role, 'merchant_staff')))
    const invited = await tx.select({ id: tenantInvites.id }).from(tenantInvites).where(and(eq(tenantInvites.tenantId, scope.tenantId), eq(tenantInvites.role, 'merchant_staff')))
    return joined.length + invited.length
  })
}

export async function teamInvites(deps: AppDeps, scope: TenantScope): Promise<TeamInvite[]> {
  return inTenant(deps.dbh.db, scope, async (tx) => {
    const rows = await tx.select().from(tenantInvites).where(eq(tenantInvites.tenantId, scope.tenantId)).orderBy(tenantInvites.createdAt)
    return rows.map((r) => ({ email: r.email, role: r.role, claimed: r.claimedAt !== null }))
  })
}
