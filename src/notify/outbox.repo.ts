import { desc } from 'drizzle-orm'
import type { DbOrTx } from '../infra/db'
import { notifications } from './notify.schema'

export type OutboxEntry = {
  channel: 'email' | 'sms'
  to: string
  subject: string | null
  body: string
  created_at: string
}

/** Newest first, in the shape api-v1.md fixes for /dev/outbox.json. */
export async function listOutbox(db: DbOrTx, limit = 50): Promise<OutboxEntry[]> {
  const rows = await db
    .select()
    .from(notifications)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
  return rows.map((r) => ({
    channel: r.channel,
    to: r.to,
    subject: r.subject,
    body: r.body,
    created_at: r.createdAt.toISOString(),
  }))
}
