// A member's invitation link to one shop. The code is 128 random bits, bound to (tenant, member)
// on first request and kept, so a link already shared never stops working.
import { randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { AppDeps } from '../infra/deps'
import { asSystem, inTenant } from '../infra/scope'
import { ownedWallet } from '../ledger'
import { members } from '../members'
import { getActiveRules, type ReferralTerms, referralTerms } from '../rules'
import { notFound } from '../shared/errors'
import { newId } from '../shared/ids'
import { getTenant } from '../tenancy'
import { referralLinks } from './referrals.schema'

export const referralUrl = (baseUrl: string, code: string) => new URL(`/r/${code}`, baseUrl).toString()

export type ReferralLink = { url: string; terms: ReferralTerms }

/**
 * The signed-in consumer's link for the shop of one of their wallets, or null while the shop
 * runs no referral programme; someone else's wallet is a 404.
 */
export async function referralLinkFor(deps: AppDeps, userId: string, walletId: string): Promise<ReferralLink | null> {
  const w = await ownedWallet(deps.dbh.db, userId, walletId)
  if (!w) throw notFound('Wallet')
  const terms = referralTerms((await getActiveRules(deps, w.tenantId)).ruleSet)
  if (!terms) return null
  const scope = { tenantId: w.tenantId }
  const now = deps.clock()
  const code = await inTenant(deps.dbh.db, scope, async (tx) => {
    await tx
      .insert(referralLinks)
      .values({
        id: newId('rfl', now.getTime()),
        tenantId: scope.tenantId,
        memberId: w.memberId,
        code: randomBytes(16).toString('base64url'),
        createdAt: now,
      })
      .onConflictDoNothing()
    const [link] = await tx
      .select({ code: referralLinks.code })
      .from(referralLinks)
      .where(and(eq(referralLinks.tenantId, scope.tenantId), eq(referralLinks.memberId, w.memberId)))
    return link!.code
  })
  return { url: referralUrl(deps.config.APP_BASE_URL, code), terms }
}

export type Invitation = { tenantId: string; inviterMemberId: string; shopName: string; terms: ReferralTerms }

/** What a link's code invites to: an active shop with a referral programme, or null. */
export async function invitationFor(deps: AppDeps, code: string): Promise<Invitation | null> {
  if (!/^[\w-]{22}$/.test(code)) return null
  // The code names its shop: finding it is the one cross-tenant step (system scope).
  const [link] = await asSystem(deps.dbh.db, (tx) =>
    tx
      .select({ tenantId: referralLinks.tenantId, memberId: referralLinks.memberId })
      .from(referralLinks)
      .innerJoin(members, and(eq(members.id, referralLinks.memberId), eq(members.tenantId, referralLinks.tenantId)))
      .where(and(eq(referralLinks.code, code), isNull(members.erasedAt))),
  )
  // An erased inviter's link invites no one.
  if (!link) return null
  const tenant = await getTenant(deps.dbh.db, link.tenantId)
  if (tenant?.status !== 'active') return null
  const terms = referralTerms((await getActiveRules(deps, tenant.id)).ruleSet)
  return terms ? { tenantId: tenant.id, inviterMemberId: link.memberId, shopName: tenant.name, terms } : null
}
