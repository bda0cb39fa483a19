// Referral links in the portal. GET /r/:code is the page a shared link opens: it keeps the code
// in an HttpOnly cookie for the sign-in that follows (the visitor may need to create their
// account first, in this or another tab), and sign-in records the invitation
// (joinPendingReferral, called from sign-in.ts) and drops the cookie. Viewing the page changes
// nothing in the database; only a completed sign-in does.
import type { Cookie } from 'elysia'
import { Elysia } from 'elysia'
import { InvitationPage } from '../../../../views/consumer/invitation'
import { verifyAccessToken } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { invitationFor, type JoinResult, joinThroughLink } from '../../../referrals'
import { claimingUser } from '../api/sale-claims'

export const REFERRAL_COOKIE = 'sa_referral'
/** An invitation waits this long for its sign-in. */
const PENDING_S = 30 * 86_400

type Jar = Record<string, Cookie<unknown>>

export function referralsPortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-referrals' }).get('/r/:code', async ({ params, cookie, set }) => {
    const invitation = await invitationFor(deps, params.code)
    if (!invitation) {
      set.status = 404
      return InvitationPage({ invitation: null })
    }
    cookie[REFERRAL_COOKIE]!.set({
      value: params.code,
      httpOnly: true,
      secure: deps.config.COOKIE_SECURE,
      sameSite: 'lax',
      path: '/',
      maxAge: PENDING_S,
    })
    return InvitationPage({
      invitation: { shopName: invitation.shopName, friendPoints: invitation.terms.friendPoints },
    })
  })
}

/** After a consumer's sign-in: the invitation they arrived with, if any, recorded once. */
export async function joinPendingReferral(deps: AppDeps, jar: Jar, accessToken: string): Promise<JoinResult | null> {
  const code = jar[REFERRAL_COOKIE]?.value
  if (typeof code !== 'string' || !code) return null
  jar[REFERRAL_COOKIE]!.remove()
  const claims = await verifyAccessToken(deps.keyring, accessToken, deps.clock())
  if (!claims) return null
  return joinThroughLink(deps, await claimingUser(deps, claims.sub), code)
}
