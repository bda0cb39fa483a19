// Tables owned by the connection lifecycle (issue 7). Kept apart from pos.schema.ts, which the
// ingestion module owns; every tenant table here gets RLS from app_apply_tenant_rls().
import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id, tenantId, ts } from '../../infra/columns'
import { posConnections } from '../pos.schema'
import { posProviders } from '../registry'

const statuses = ['pending', 'connected', 'degraded', 'disconnected', 'revoked'] as const

/**
 * One row per connect attempt: the opaque `state` sent to the provider, bound to the merchant
 * who started it. Deleted when the callback consumes it (single use) or after it expires.
 * The PKCE verifier lives here only for those ten minutes and is useless without the code.
 */
export const posOauthStates = pgTable(
  'pos_oauth_states',
  {
    state: text('state').primaryKey(),
    tenantId: tenantId(),
    userId: text('user_id').notNull(),
    provider: text('provider', { enum: posProviders }).notNull(),
    codeVerifier: text('code_verifier'),
    /** Shopify shop domain typed by the merchant; the callback must name the same shop. */
    shop: text('shop'),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('pos_oauth_states_expiry').on(t.expiresAt)],
)

/**
 * Lifecycle facts per connection that pos_connections lacks: token bookkeeping for the refresh
 * plan, the degraded cause for the state machine, and the polling cursor and back-off.
 */
export const posConnectionSync = pgTable('pos_connection_sync', {
  connectionId: text('connection_id')
    .primaryKey()
    .references(() => posConnections.id),
  tenantId: tenantId(),
  /** 'pkce' grants refresh without the client secret (Square PKCE: single-use refresh tokens). */
  grant: text('grant', { enum: ['code', 'pkce', 'partner', 'none'] })
    .notNull()
    .default('none'),
  tokenRefreshedAt: ts('token_refreshed_at'),
  refreshTokenExpiresAt: ts('refresh_token_expires_at'),
  /** Lightspeed domain_prefix: names the retailer's token and API host. */
  tokenHost: text('token_host'),
  degradedCause: text('degraded_cause', { enum: ['refresh', 'api', 'silence'] }),
  lastFailureAt: ts('last_failure_at'),
  /** Provider-specific high-water mark (timestamp, version or window end), opaque here. */
  pollCursor: text('poll_cursor'),
  /** Set from 429 Retry-After: no poll before this time. */
  pollNotBefore: ts('poll_not_before'),
  /** Each refresh attempt that failed transiently in a row; drives the retry back-off. */
  refreshFailures: integer('refresh_failures').notNull().default(0),
  nextRefreshAt: ts('next_refresh_at'),
  /**
   * Toast ownership proof (ADR 0016): the one-time claim code shown to the owner while the
   * connection is pending, sealed like a token; cleared when an admin activates it.
   */
  claimCodeEnc: text('claim_code_enc'),
  /** Wrong codes entered for this connection; the code is voided after a few. */
  claimFailures: integer('claim_failures').notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

/** Every status change with its reason and time, newest last; what the portal history shows. */
export const posConnectionChanges = pgTable(
  'pos_connection_changes',
  {
    id: id(),
    tenantId: tenantId(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => posConnections.id),
    fromStatus: text('from_status', { enum: statuses }).notNull(),
    toStatus: text('to_status', { enum: statuses }).notNull(),
    reason: text('reason'),
    /** True when this change sent the merchant an email (at most once per outage). */
    notified: integer('notified').notNull().default(0),
    at: ts('at').notNull().default(sql`now()`),
  },
  (t) => [index('pos_connection_changes_conn').on(t.connectionId, t.at)],
)

/**
 * Partner-owned tokens (Toast): one client-credentials token shared by every restaurant, so it
 * is stored once per provider, not per connection. No tenant: it belongs to SalesArck.
 */
export const posPartnerTokens = pgTable('pos_partner_tokens', {
  provider: text('provider', { enum: posProviders }).primaryKey(),
  accessTokenEnc: text('access_token_enc').notNull(),
  expiresAt: ts('expires_at'),
  refreshedAt: ts('refreshed_at').notNull(),
})

/** Nightly comparison of the POS's last 48 h with what we ingested, for the admin console. */
export const posReconciliationReports = pgTable(
  'pos_reconciliation_reports',
  {
    id: id(),
    tenantId: tenantId(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => posConnections.id),
    provider: text('provider', { enum: posProviders }).notNull(),
    windowStart: ts('window_start').notNull(),
    windowEnd: ts('window_end').notNull(),
    posCount: integer('pos_count').notNull(),
    ingestedCount: integer('ingested_count').notNull(),
    /** Provider transaction ids the POS had and we did not; each was fed to the inbox. */
    missing: jsonb('missing').$type<string[]>().notNull().default([]),
    outcome: text('outcome', { enum: ['clean', 'repaired', 'failed'] }).notNull(),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('pos_reconciliation_reports_tenant').on(t.tenantId, t.createdAt)],
)

/**
 * The latest webhook verification code a provider sent (Clover POSTs {"verificationCode"} while
 * its webhook URL is set up) for the platform admin to paste back. No tenant: it is SalesArck's.
 */
export const posWebhookVerifications = pgTable('pos_webhook_verifications', {
  provider: text('provider', { enum: posProviders }).primaryKey(),
  code: text('code').notNull(),
  receivedAt: ts('received_at').notNull(),
})

/**
 * A Clover App Market install whose tokens are already exchanged (and the merchant confirmed
 * with Clover) but whose shop is not chosen yet: a signed-in owner confirms it within
 * INSTALL_TTL. No tenant until then; the row is deleted when it is consumed or expires.
 */
export const posPendingInstalls = pgTable(
  'pos_pending_installs',
  {
    id: id(),
    provider: text('provider', { enum: posProviders }).notNull(),
    externalMerchantId: text('external_merchant_id').notNull(),
    merchantName: text('merchant_name'),
    accessTokenEnc: text('access_token_enc').notNull(),
    refreshTokenEnc: text('refresh_token_enc'),
    tokenExpiresAt: ts('token_expires_at'),
    refreshTokenExpiresAt: ts('refresh_token_expires_at'),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('pos_pending_installs_expiry').on(t.expiresAt)],
)
