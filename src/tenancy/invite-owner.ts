// A new shop's owner hears about it: one email with a sign-in link, sent after the tenant
// committed (the invitation row is what makes them owner when they sign in with that email).
// Sent through the one notifier, so development shows it at /dev/outbox.
import { and, eq, isNull } from 'drizzle-orm'
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'
import { asSystem } from '../infra/scope'
import { sendMessage } from '../notify'
import { tenantInvites, tenants } from './tenancy.schema'

/** The owner's email the invitation went to, or null when there was none to send. */
export async function inviteOwner(deps: AppDeps, tenantId: string): Promise<string | null> {
  const [row] = await asSystem(deps.dbh.db, (tx) =>
    tx
      .select({ email: tenantInvites.email, shop: tenants.name })
      .from(tenantInvites)
      .innerJoin(tenants, eq(tenants.id, tenantInvites.tenantId))
      .where(
        and(
          eq(tenantInvites.tenantId, tenantId),
          eq(tenantInvites.role, 'merchant_owner'),
          isNull(tenantInvites.claimedAt),
        ),
      )
      .limit(1),
  )
  // Owners are invited by email at tenant creation (invites by phone are team invites).
  if (!row?.email) return null
  const link = new URL('/signin?as=merchant', deps.config.APP_BASE_URL).toString()
  try {
    await sendMessage(deps, {
      channel: 'email',
      to: row.email,
      subject: `${row.shop} is ready on SalesArck`,
      body: `You are the owner of ${row.shop} on SalesArck. Sign in with this email address to connect your POS and set up your points: ${link}`,
    })
    return row.email
  } catch (e) {
    log.error({ err: e, tenantId }, 'could not send the owner invitation')
    return null
  }
}
