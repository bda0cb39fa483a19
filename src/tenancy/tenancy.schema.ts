import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, tenantId, ts } from '../infra/columns'

export const tenants = pgTable('tenants', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  status: text('status', { enum: ['active', 'suspended'] }).notNull().default('active'),
  currency: text('currency').notNull().default('USD'),
  timeZone: text('time_zone').notNull().default('UTC'),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

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

/** Owner/staff invitations by email; claimed when that email is verified at sign-in. */
export const tenantInvites = pgTable(
  'tenant_invites',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    email: text('email').notNull(),
    role: text('role', { enum: ['merchant_owner', 'merchant_staff'] }).notNull(),
    claimedAt: ts('claimed_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tenant_invites_tenant_email').on(t.tenantId, t.email)],
)
