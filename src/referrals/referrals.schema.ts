import { sql } from 'drizzle-orm'
import { check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, tenantId } from '../infra/columns'
import { members } from '../members/members.schema'
import { tenants } from '../tenancy/tenancy.schema'

/**
 * A member's invitation link to one shop: an unguessable code bound to (tenant, member), made
 * on first request and never changed, so a link once shared keeps working.
 */
export const referralLinks = pgTable(
  'referral_links',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    code: text('code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('referral_links_member').on(t.tenantId, t.memberId),
    uniqueIndex('referral_links_code').on(t.code),
  ],
)

export const referralOutcomes = ['joined', 'capped'] as const
export type ReferralOutcome = (typeof referralOutcomes)[number]

/**
 * A friend who joined a shop through a member's link: append-only (see drizzle/ guards), one per
 * joining member ever. 'capped' ones were past the inviter's monthly limit and earn nothing. The
 * bonuses are ledger entries referencing this row's id, so the ledger's effect-once index, not a
 * status column here, is what makes them happen exactly once.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    referrerMemberId: text('referrer_member_id')
      .notNull()
      .references(() => members.id),
    referredMemberId: text('referred_member_id')
      .notNull()
      .references(() => members.id),
    outcome: text('outcome', { enum: referralOutcomes }).notNull(),
    /** The rule version whose monthly cap was applied. */
    ruleVersionId: text('rule_version_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('referrals_referred').on(t.tenantId, t.referredMemberId),
    index('referrals_referrer').on(t.tenantId, t.referrerMemberId, t.createdAt),
    check('referrals_outcome_check', sql`${t.outcome} in ('joined', 'capped')`),
    check('referrals_not_self', sql`${t.referrerMemberId} <> ${t.referredMemberId}`),
  ],
)
