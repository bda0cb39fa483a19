import { index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id, ts } from '../infra/columns'

/**
 * Every message the platform sends (OTP codes, alerts). The `outbox` transport stops here and
 * development reads it at /dev/outbox.json; real transports deliver it from a retried job.
 * Bodies with codes are erased after delivery outside development.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    to: text('to').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'stored'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_created').on(t.createdAt)],
)
