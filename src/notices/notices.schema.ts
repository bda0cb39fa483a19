import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, tenantId } from '../infra/columns'
import { tenants } from '../tenancy/tenancy.schema'

/**
 * Consent to a shop's notifications, per person and channel, as an append-only log (ADR 0024):
 * what was given or withdrawn, when, through what (wallet page, unsubscribe link, SMS STOP)
 * and the exact wording the person saw. The latest row per (tenant, user, channel) is in force.
 */
export const notificationConsents = pgTable(
  'notification_consents',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    userId: text('user_id').notNull(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    action: text('action', { enum: ['given', 'withdrawn'] }).notNull(),
    source: text('source', { enum: ['wallet_page', 'unsubscribe_link', 'sms_stop'] }).notNull(),
    wording: text('wording').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('notification_consents_latest').on(t.tenantId, t.userId, t.channel, t.createdAt),
    index('notification_consents_user').on(t.userId),
  ],
)

/** Each notification decided on, once: the key makes a retried trigger send nothing twice. */
export const consumerNotifications = pgTable(
  'consumer_notifications',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: ['points_earned', 'code_expiring', 'points_expiring'] }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('consumer_notifications_once').on(t.tenantId, t.dedupeKey)],
)
