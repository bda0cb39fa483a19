import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { createdAt, id, tenantId, ts } from '../infra/columns'
import { tenants } from '../tenancy/tenancy.schema'

/**
 * A consumer as one merchant knows them. Exists before anyone signs in (points earned at the
 * till); linked to a user when that user verifies a matching phone or email.
 */
export const members = pgTable(
  'members',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    userId: text('user_id'),
    phone: text('phone'),
    email: text('email'),
    /** As the shop knows the person (imported, or from the POS); shown to the merchant only. */
    name: text('name'),
    /** The phone back to front, so "the last digits" is a prefix an index can find (search). */
    phoneReversed: text('phone_reversed').generatedAlwaysAs(sql`reverse(phone)`),
    /** The name lower-cased and stored: `lower()` is not leakproof, so only a column can be searched by index under RLS. */
    nameLower: text('name_lower').generatedAlwaysAs(sql`lower(name)`),
    erasedAt: ts('erased_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('members_tenant_phone').on(t.tenantId, t.phone),
    uniqueIndex('members_tenant_email').on(t.tenantId, t.email),
    uniqueIndex('members_tenant_user').on(t.tenantId, t.userId),
    index('members_user').on(t.userId),
    // Keyset pagination (read backwards: newest first), and search by email or name prefix /
    // phone suffix (listMembers). Byte-wise pattern ops so the range operators hold under any
    // collation; ADR 0020 has why not pg_trgm.
    index('members_tenant_created_id').on(t.tenantId, t.createdAt, t.id),
    index('members_email_prefix').on(t.tenantId, t.email.op('text_pattern_ops')),
    index('members_phone_suffix').on(t.tenantId, t.phoneReversed.op('text_pattern_ops')),
    index('members_name_prefix').on(t.tenantId, t.nameLower.op('text_pattern_ops')),
  ],
)

/** POS customer ids seen for a member (Square customer_id, Shopify customer id, …). */
export const memberPosIds = pgTable(
  'member_pos_ids',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    provider: text('provider').notNull(),
    externalCustomerId: text('external_customer_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('member_pos_ids_unique').on(t.tenantId, t.provider, t.externalCustomerId)],
)
