// The referral bonuses, granted from the award path when a referred member's sale earns points.
// Each bonus is a ledger entry keyed by the referral (reference types referral_inviter and
// referral_friend, id = the referral's), so the ledger's effect-once index makes it happen once
// however often the sale is replayed or retried, and in the sale's own transaction.
import { and, eq } from 'drizzle-orm'
import type { Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { earn, ensureWallet } from '../ledger'
import { members } from '../members'
import { referralTerms, type StoredRuleVersion } from '../rules'
import { formatPoints } from '../shared/points'
import { getTenant } from '../tenancy'
import { referrals } from './referrals.schema'

export const REFERRAL_INVITER = 'referral_inviter'
export const REFERRAL_FRIEND = 'referral_friend'

export type GrantContext = { scope: TenantScope; rules: StoredRuleVersion; now: Date }

/**
 * Credits both sides of the member's referral, if they joined through a link and it counted.
 * The amounts are the active version's at the time of the purchase; with no referral rule
 * active then, nothing is granted (the referral waits for a later purchase under one).
 */
export async function grantReferralBonus(tx: Tx, ctx: GrantContext, memberId: string): Promise<void> {
  const { scope, rules, now } = ctx
  // Most shops run no referral programme: then every award skips the lookup (one statement less).
  const terms = referralTerms(rules.ruleSet)
  if (!terms) return
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.tenantId, scope.tenantId),
        eq(referrals.referredMemberId, memberId),
        eq(referrals.outcome, 'joined'),
      ),
    )
  if (!referral) return
  const shop = (await getTenant(tx, scope.tenantId))?.name ?? 'the shop'
  const friendWallet = await ensureWallet(tx, scope, memberId, now)
  await earn(tx, scope, {
    walletId: friendWallet.id,
    points: terms.friendPoints,
    referenceType: REFERRAL_FRIEND,
    referenceId: referral.id,
    ruleVersionId: rules.id,
    explanation: `Welcome bonus for joining ${shop} through a friend: ${formatPoints(terms.friendPoints)}`,
    now,
  })
  // An inviter who has since been erased has no one left to thank.
  const [inviter] = await tx
    .select({ erasedAt: members.erasedAt })
    .from(members)
    .where(and(eq(members.tenantId, scope.tenantId), eq(members.id, referral.referrerMemberId)))
  if (!inviter || inviter.erasedAt) return
  const inviterWallet = await ensureWallet(tx, scope, referral.referrerMemberId, now)
  await earn(tx, scope, {
    walletId: inviterWallet.id,
    points: terms.referrerPoints,
    referenceType: REFERRAL_INVITER,
    referenceId: referral.id,
    ruleVersionId: rules.id,
    explanation: `Referral bonus: a friend joined ${shop}: ${formatPoints(terms.referrerPoints)}`,
    now,
  })
}
