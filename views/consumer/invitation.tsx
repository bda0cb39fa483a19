// The page a referral link opens: which shop invites, what the friend gets, and the way in
// (sign-in, which records the invitation). Public: the visitor has no account yet, perhaps.
import { plural } from '../components/format'
import { BaseLayout } from '../layouts/base'

export type InvitationView = { shopName: string; friendPoints: number } | null

export function InvitationPage(p: { invitation: InvitationView }) {
  const i = p.invitation
  if (!i) {
    return (
      <BaseLayout title="Invitation">
        <h1>This invitation has ended</h1>
        <p class="muted">
          The link is unknown, or the shop no longer runs a referral programme. You can still sign in and collect
          points.
        </p>
        <p>
          <a class="button" href="/signin?as=consumer">
            Sign in
          </a>
        </p>
      </BaseLayout>
    )
  }
  return (
    <BaseLayout title={`Join ${i.shopName}`}>
      <section class="card" id="invitation">
        <h1 safe>{`A friend invites you to ${i.shopName}`}</h1>
        <p
          safe
        >{`Join and you get ${plural(i.friendPoints, 'point')} with your first purchase, on top of the points it earns. Your friend gets a thank-you too.`}</p>
        <p class="muted">
          For people new to this shop. Sign in with your phone number or email; buy with the same one at the till.
        </p>
        <p>
          <a class="button" id="join" href="/signin?as=consumer">
            Sign in to join
          </a>
        </p>
      </section>
    </BaseLayout>
  )
}
