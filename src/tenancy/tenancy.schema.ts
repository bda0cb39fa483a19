import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, tenantId, ts } from '../infra/columns'

export const tenants = pgTable(
  'tenants',
  {
    id: id(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    currency: text('currency').notNull().default('USD'),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** White-label colour (#rrggbb) on the consumer's wallet card; null = SalesArck's own. */
    brandColor: text('brand_color'),
    /** The text colour the contrast check picked for brandColor (#000000 or #ffffff). */
    brandText: text('brand_text'),
    /** https only; shown on the wallet card and the redemption page. */
    logoUrl: text('logo_url'),
    contactEmail: text('contact_email'),
    /** What 100 points are worth when redeemed, in minor units of `currency`: values the liability in money. */
    redemptionValuePer100Points: integer('redemption_value_per_100_points').notNull().default(100),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'tenants_redemption_value_range',
      sql`${t.redemptionValuePer100Points} >= 0 and ${t.redemptionValuePer100Points} <= 1000000`,
    ),
  ],
)

/** A merchant user's role in one tenant. Platform admins come from ADMIN_EMAILS, consumers need no row. */
export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    userId: text('user_id').notNull(),
    role: text('role', { enum: ['merchant_owner', 'merchant_staff'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('memberships_user_tenant').on(t.userId, t.tenantId), index('memberships_tenant').on(t.tenantId)],
)

/**
 * Owner/staff invitations by email or phone (exactly one); claimed when that destination is
 * verified at sign-in. A re-invite after removal reopens the same row.
 */
export const tenantInvites = pgTable(
  'tenant_invites',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    email: text('email'),
    phone: text('phone'),
    role: text('role', { enum: ['merchant_owner', 'merchant_staff'] }).notNull(),
    /** The owner who sent it; null for the first owner's invitation made with the tenant. */
    invitedBy: text('invited_by'),
    claimedAt: ts('claimed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tenant_invites_tenant_email').on(t.tenantId, t.email),
    uniqueIndex('tenant_invites_tenant_phone').on(t.tenantId, t.phone),
    index('tenant_invites_phone').on(t.phone),
    index('tenant_invites_email').on(t.email),
    check('tenant_invites_one_destination', sql`(${t.email} IS NULL) <> (${t.phone} IS NULL)`),
  ],
)
