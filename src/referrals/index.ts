// Front door of referrals: a member's invitation link per shop, friends who join through it
// (self, loops, existing members refused; a monthly cap per inviter from the referral_bonus
// rule), and both bonuses on the friend's first purchase that earns points (ADR 0025).
export { referralLinkFor, invitationFor, type Invitation, type ReferralLink } from './referral-link'
export { joinThroughLink, type JoinResult } from './join-through-link'
export { grantReferralBonus, type GrantContext } from './grant-bonus'
export { inviteSummary, type InviteSummary } from './invite-summary'
export type { JoinDecision, JoinFacts } from './decide-join'
export { referrals } from './referrals.schema'
