// A friend who arrived through a member's link signs in: record them as that member's referral
// at the shop, if they count (decide-join.ts). Runs in the shop's transaction with the inviter
// locked, so two friends signing in at once cannot both take the month's last place, and a
// repeat (another sign-in with the same cookie) finds its own referral and changes nothing.
import { and, eq, gte, inArray, sql } from 'drizzle-orm'
import type { AppDeps } from '../infra/deps'
import { execRows, type Tx } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { log } from '../infra/logger'
import { ensureWallet, wallets } from '../ledger'
import { memberForUser, members, normalizeEmail, normalizePhone, type VerifiedUser } from '../members'
import { getActiveRules, referralTerms, toLocalTime, wallTimeToInstant } from '../rules'
import { newId } from '../shared/ids'
import { getTenant } from '../tenancy'
import { decideJoin, type RefusalReason } from './decide-join'
import { invitationFor } from './referral-link'
import { type ReferralOutcome, referrals } from './referrals.schema'
import { ledgerEntries, posTransactions } from '../infra/schema'

export type JoinResult =
  | { ok: true; outcome: ReferralOutcome; tenantId: string; walletId: string }
  | { ok: false; reason: RefusalReason | 'no_invitation' | 'no_verified_contact' }

export async function joinThroughLink(deps: AppDeps, user: VerifiedUser, code: string): Promise<JoinResult> {
  const invitation = await invitationFor(deps, code)
  if (!invitation) return { ok: false, reason: 'no_invitation' }
  const scope = { tenantId: invitation.tenantId }
  const now = deps.clock()
  const tenant = await getTenant(deps.dbh.db, scope.tenantId)
  const rules = await getActiveRules(deps, scope.tenantId)
  const terms = referralTerms(rules.ruleSet)
  if (!tenant || !terms) return { ok: false, reason: 'no_invitation' }
  const result = await inTenant(deps.dbh.db, scope, async (tx): Promise<JoinResult> => {
    const [inviter] = await tx
      .select()
      .from(members)
      .where(and(eq(members.tenantId, scope.tenantId), eq(members.id, invitation.inviterMemberId)))
    if (!inviter || inviter.erasedAt) return { ok: false, reason: 'no_invitation' }
    // Self first, before anything is created for the visitor.
    if (isInviter(user, inviter)) return { ok: false, reason: 'self' }
    const memberId = await memberForUser(tx, scope, user, now)
    if (!memberId) return { ok: false, reason: 'no_verified_contact' }
    const [earlier] = await tx
      .select()
      .from(referrals)
      .where(and(eq(referrals.tenantId, scope.tenantId), eq(referrals.referredMemberId, memberId)))
    // The same friend through the same link again: what was recorded stands.
    if (earlier && earlier.referrerMemberId === inviter.id)
      return {
        ok: true,
        outcome: earlier.outcome,
        tenantId: scope.tenantId,
        walletId: (await ensureWallet(tx, scope, memberId, now)).id,
      }
    // One inviter's friends are recorded one at a time (after the contact locks memberForUser
    // took, the order sale processing uses too), so the monthly count below is exact.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`referrer:${inviter.id}`}, 0))`)
    const decision = decideJoin({
      self: memberId === inviter.id,
      loop: await broughtIn(tx, scope, memberId, inviter.id),
      alreadyReferred: !!earlier,
      existingMember: await hasHistory(tx, scope, memberId),
      joinedThisMonth: await joinedSince(tx, scope, inviter.id, monthStart(now, tenant.timeZone)),
      monthlyCap: terms.monthlyCap,
    })
    if (!decision.ok) return decision
    const inserted = await tx
      .insert(referrals)
      .values({
        id: newId('rfr', now.getTime()),
        tenantId: scope.tenantId,
        referrerMemberId: inviter.id,
        referredMemberId: memberId,
        outcome: decision.outcome,
        ruleVersionId: rules.id,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: referrals.id })
    // Another inviter's link recorded this friend in the meantime (a concurrent sign-in).
    if (!inserted.length) return { ok: false, reason: 'already_referred' }
    // The shop appears among the friend's wallets at once, ready for the first purchase.
    const wallet = await ensureWallet(tx, scope, memberId, now)
    return { ok: true, outcome: decision.outcome, tenantId: scope.tenantId, walletId: wallet.id }
  })
  // Ids and the reason only: never the code or a contact.
  log.info(
    {
      tenant_id: scope.tenantId,
      inviter_member_id: invitation.inviterMemberId,
      ...(result.ok ? { outcome: result.outcome } : { refused: result.reason }),
    },
    'referral sign-in',
  )
  return result
}

function isInviter(
  user: VerifiedUser,
  inviter: { userId: string | null; phone: string | null; email: string | null },
): boolean {
  if (inviter.userId === user.id) return true
  const phone = user.phoneVerifiedAt ? normalizePhone(user.phone) : null
  const email = user.emailVerifiedAt ? normalizeEmail(user.email) : null
  return (!!phone && phone === inviter.phone) || (!!email && email === inviter.email)
}

/** Whether `memberId` is up the inviter's chain of referrals (they brought the inviter in). */
async function broughtIn(tx: Tx, scope: TenantScope, memberId: string, inviterId: string): Promise<boolean> {
  const rows = await execRows<{ found: boolean }>(
    tx,
    sql`
    with recursive up(member_id) as (
      select referrer_member_id from referrals where tenant_id = ${scope.tenantId} and referred_member_id = ${inviterId}
      union
      select r.referrer_member_id from referrals r join up on r.referred_member_id = up.member_id where r.tenant_id = ${scope.tenantId}
    )
    select exists (select 1 from up where member_id = ${memberId}) as found`,
  )
  return rows[0]?.found === true
}

/** Points or a sale at this shop already: an existing member, not a new one. */
async function hasHistory(tx: Tx, scope: TenantScope, memberId: string): Promise<boolean> {
  const [entry] = await tx
    .select({ id: ledgerEntries.id })
    .from(ledgerEntries)
    .innerJoin(wallets, eq(wallets.id, ledgerEntries.walletId))
    .where(
      and(
        eq(ledgerEntries.tenantId, scope.tenantId),
        eq(wallets.tenantId, scope.tenantId),
        eq(wallets.memberId, memberId),
      ),
    )
    .limit(1)
  if (entry) return true
  const [sale] = await tx
    .select({ id: posTransactions.id })
    .from(posTransactions)
    .where(
      and(
        eq(posTransactions.tenantId, scope.tenantId),
        eq(posTransactions.memberId, memberId),
        inArray(posTransactions.state, ['awarded', 'reversed']),
      ),
    )
    .limit(1)
  return !!sale
}

async function joinedSince(tx: Tx, scope: TenantScope, inviterId: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(
      and(
        eq(referrals.tenantId, scope.tenantId),
        eq(referrals.referrerMemberId, inviterId),
        eq(referrals.outcome, 'joined'),
        gte(referrals.createdAt, since),
      ),
    )
  return row?.n ?? 0
}

/** The first instant of `now`'s month in the shop's own calendar. */
export function monthStart(now: Date, timeZone: string): Date {
  return wallTimeToInstant(`${toLocalTime(now, timeZone).stamp.slice(0, 7)}-01T00:00`, timeZone)!
}
