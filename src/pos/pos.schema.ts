import { sql } from 'drizzle-orm'
import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, tenantId, ts } from '../infra/columns'
import { members } from '../members/members.schema'
import { tenants } from '../tenancy/tenancy.schema'
import { posProviders } from './registry'

export const inboxEventStatuses = [
  'received',
  'processed',
  'ignored',
  'unmatched_merchant',
  'held',
  'pending_connection',
  'failed',
] as const
export type InboxEventStatus = (typeof inboxEventStatuses)[number]

export const transactionStates = ['pending', 'awarded', 'unmatched', 'duplicate', 'reversed', 'failed'] as const
export type TransactionState = (typeof transactionStates)[number]

/** Contact signals as normalised at processing time; kept so an unmatched sale can be linked later. */
export type StoredIdentity = { phone?: string; email?: string; providerCustomerId?: string }

/**
 * A tenant's link to one POS merchant account. The external id is what the provider's
 * webhooks carry, so it is unique per provider across all tenants. Tokens are stored only
 * as AES-256-GCM envelopes (src/infra/crypto/token-cipher.ts).
 */
export const posConnections = pgTable(
  'pos_connections',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    provider: text('provider', { enum: posProviders }).notNull(),
    externalMerchantId: text('external_merchant_id').notNull(),
    /** A second id the provider may route by instead (Lightspeed domain_prefix); unique per provider. */
    externalAlias: text('external_alias'),
    status: text('status', { enum: ['pending', 'connected', 'degraded', 'disconnected', 'revoked'] })
      .notNull()
      .default('connected'),
    statusReason: text('status_reason'),
    statusChangedAt: ts('status_changed_at').notNull().defaultNow(),
    authMode: text('auth_mode', { enum: ['oauth', 'manual', 'partner'] })
      .notNull()
      .default('manual'),
    accessTokenEnc: text('access_token_enc'),
    refreshTokenEnc: text('refresh_token_enc'),
    tokenExpiresAt: ts('token_expires_at'),
    scopes: text('scopes'),
    lastEventAt: ts('last_event_at'),
    lastPolledAt: ts('last_polled_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('pos_connections_external').on(t.provider, t.externalMerchantId),
    uniqueIndex('pos_connections_alias').on(t.provider, t.externalAlias).where(sql`${t.externalAlias} is not null`),
    index('pos_connections_tenant').on(t.tenantId),
  ],
)

/**
 * The inbox: one inbox event per verified webhook delivery or polled sale, raw body kept,
 * stored before we answer 200. The table keeps its first name, webhook_events (no rename
 * migration); in code the concept is the "inbox event" everywhere (ADR 0030).
 * Unique per provider event id so a redelivery is recognised. tenant_id is null until the
 * merchant is known (unknown merchants are kept for later linking, never dropped).
 */
export const inboxEvents = pgTable(
  'webhook_events',
  {
    id: id(),
    provider: text('provider', { enum: posProviders }).notNull(),
    providerEventId: text('provider_event_id').notNull(),
    externalMerchantId: text('external_merchant_id'),
    tenantId: text('tenant_id').references(() => tenants.id),
    eventType: text('event_type').notNull(),
    rawBody: text('raw_body').notNull(),
    /**
     * The delivery's headers minus the signature and any credential: Shopify's topic, shop and
     * event id exist only in headers, so parsing later needs them (src/pos/README.md).
     */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** How it reached us: a provider's push, our own polling, or an operator's replay. */
    source: text('source', { enum: ['webhook', 'poll'] })
      .notNull()
      .default('webhook'),
    /**
     * held: the tenant is suspended; the sweeper releases the row once it is reinstated.
     * pending_connection: the connection awaits its ownership proof (ADR 0016); activating it
     * releases the row. The sweeper never touches it.
     */
    status: text('status', { enum: inboxEventStatuses }).notNull().default('received'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [
    uniqueIndex('webhook_events_provider_event').on(t.provider, t.providerEventId),
    index('webhook_events_status').on(t.status, t.receivedAt),
    index('webhook_events_tenant').on(t.tenantId, t.receivedAt),
  ],
)

/**
 * A sale (or its refund) as we understood it, one row per provider transaction, with its
 * processing state. The ledger entry it produced references it (reference_type 'pos_txn').
 */
export const posTransactions = pgTable(
  'pos_transactions',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    provider: text('provider', { enum: posProviders }).notNull(),
    providerTransactionId: text('provider_transaction_id').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    currency: text('currency').notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    amounts: jsonb('amounts')
      .$type<{ subtotal?: number; discount?: number; tax?: number; tip?: number }>()
      .notNull()
      .default({}),
    memberId: text('member_id').references(() => members.id),
    state: text('state', { enum: transactionStates }).notNull().default('pending'),
    /** Why the row is in its state, as a code from ingest/reasons.ts (never payload values). */
    reason: text('reason'),
    identity: jsonb('identity').$type<StoredIdentity>().notNull().default({}),
    pointsAwarded: bigint('points_awarded', { mode: 'number' }).notNull().default(0),
    ruleVersionId: text('rule_version_id'),
    /** The rule engine's sentence for this award, as the consumer's ledger shows it. */
    explanation: text('explanation'),
    inboxEventId: text('webhook_event_id'),
    refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull().default(0),
    /** Points actually taken back by refunds (can be less than owed, see ADR 0009). */
    pointsReversed: bigint('points_reversed', { mode: 'number' }).notNull().default(0),
    /** Later deliveries of the same sale that were recognised and suppressed. */
    duplicates: integer('duplicates').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pos_transactions_once').on(t.tenantId, t.provider, t.providerTransactionId),
    index('pos_transactions_tenant_time').on(t.tenantId, t.occurredAt),
    index('pos_transactions_tenant_created').on(t.tenantId, t.createdAt),
    index('pos_transactions_tenant_created_id').on(t.tenantId, t.createdAt, t.id),
    index('pos_transactions_webhook_event').on(t.inboxEventId).where(sql`${t.inboxEventId} is not null`),
  ],
)

/**
 * Each refund once, per provider refund id. A refund can arrive before its sale: it waits
 * here (applied_at null) and is applied when the sale is awarded. points_shortfall records
 * what could not be taken back because the member had already spent it (ADR 0009).
 */
export const posRefunds = pgTable(
  'pos_refunds',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    provider: text('provider', { enum: posProviders }).notNull(),
    providerRefundId: text('provider_refund_id').notNull(),
    providerTransactionId: text('provider_transaction_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    inboxEventId: text('webhook_event_id'),
    pointsReversed: bigint('points_reversed', { mode: 'number' }).notNull().default(0),
    pointsShortfall: bigint('points_shortfall', { mode: 'number' }).notNull().default(0),
    appliedAt: ts('applied_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('pos_refunds_once').on(t.tenantId, t.provider, t.providerRefundId),
    index('pos_refunds_sale').on(t.tenantId, t.provider, t.providerTransactionId),
  ],
)

/** Per-tenant ingestion settings. No row means the defaults. */
export const posSettings = pgTable('pos_settings', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  /** Which contact signals identify a member, strongest first (default phone, then email). */
  identityPriority: jsonb('identity_priority').$type<('phone' | 'email')[]>().notNull().default(['phone', 'email']),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

/**
 * A receipt's claim code for a sale awarded to nobody: the customer types it (or scans its QR)
 * after signing in and the sale is awarded to them, once, within the claim window. The code is
 * stored like a redemption code (short-lived, rate-limited, useless after the claim).
 */
export const saleClaims = pgTable(
  'sale_claims',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    transactionId: text('transaction_id')
      .notNull()
      .references(() => posTransactions.id),
    code: text('code').notNull(),
    expiresAt: ts('expires_at').notNull(),
    claimedAt: ts('claimed_at'),
    claimedByUserId: text('claimed_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sale_claims_transaction').on(t.transactionId), uniqueIndex('sale_claims_code').on(t.code)],
)
