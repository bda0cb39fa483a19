// The invitation itself: a sign-in link with the destination filled in. Signing in with that
// email or phone is the acceptance (claim-invites.ts), so the message carries no secret; the
// sign-in code that follows proves the person owns the destination.
import type { AppDeps } from '../infra/deps'
import { sendMessage } from '../notify'
import type { InviteDestination, TeamRole } from './team'

export function inviteLink(baseUrl: string, to: InviteDestination): string {
  const url = new URL('/signin', baseUrl)
  url.searchParams.set('as', 'merchant')
  url.searchParams.set('destination', to.value)
  return url.toString()
}

export async function sendTeamInvite(
  deps: AppDeps,
  to: InviteDestination,
  shopName: string,
  role: TeamRole,
): Promise<void> {
  const as = role === 'merchant_owner' ? 'an owner' : 'staff'
  const link = inviteLink(deps.config.APP_BASE_URL, to)
  const how = to.channel === 'email' ? 'this email address' : 'this phone number'
  await sendMessage(deps, {
    channel: to.channel,
    to: to.value,
    subject: `Join ${shopName} on SalesArck`,
    body: `${shopName} invited you to their team on SalesArck as ${as}. Sign in with ${how} to accept: ${link}`,
  })
}
