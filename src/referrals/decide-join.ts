// Whether a friend arriving through a member's link counts, from facts the shell gathered (pure).
// The order matters only for which reason is given: a refusal for any reason writes nothing.
import type { ReferralOutcome } from './referrals.schema'

export type JoinFacts = {
  /** The visitor is the inviter, or holds one of the inviter's contacts. */
  self: boolean
  /** The visitor brought the inviter in, directly or further up the chain (A→B→A). */
  loop: boolean
  /** The visitor already joined this shop through someone's link. */
  alreadyReferred: boolean
  /** The visitor already has points or sales at this shop: not a new member. */
  existingMember: boolean
  /** Friends the inviter brought this shop-local month that counted. */
  joinedThisMonth: number
  monthlyCap: number
}

export type RefusalReason = 'self' | 'loop' | 'already_referred' | 'existing_member'
export type JoinDecision = { ok: true; outcome: ReferralOutcome } | { ok: false; reason: RefusalReason }

export function decideJoin(f: JoinFacts): JoinDecision {
  if (f.self) return { ok: false, reason: 'self' }
  if (f.loop) return { ok: false, reason: 'loop' }
  if (f.alreadyReferred) return { ok: false, reason: 'already_referred' }
  if (f.existingMember) return { ok: false, reason: 'existing_member' }
  // Past the cap the friend is still recorded (so no one else can claim them), earning nothing.
  return { ok: true, outcome: f.joinedThisMonth >= f.monthlyCap ? 'capped' : 'joined' }
}
