// Retention: Idempotency-Key records live 30 days (api-v1.md); delivered messages that carried
// one-time codes are kept 7 days for support, then removed; finished webhook bodies (which can
// carry customer contact details) are erased after 30 days.
import { and, lt, ne } from 'drizzle-orm'
import type { AppDeps } from '../src/infra/deps'
import { notifications } from '../src/notify'
import { purgeInboxBodies } from '../src/pos/ingest'
import { idempotencyKeys } from '../src/infra/schema'

const DAY = 86_400_000

export async function purgeExpired(
  deps: AppDeps,
): Promise<{ idempotencyKeys: number; notifications: number; webhookBodies: number }> {
  const now = deps.clock().getTime()
  const db = deps.dbh.db
  const keys = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now - 30 * DAY)))
    .returning({ k: idempotencyKeys.key })
  const msgs = await db
    .delete(notifications)
    .where(and(lt(notifications.createdAt, new Date(now - 7 * DAY)), ne(notifications.status, 'pending')))
    .returning({ id: notifications.id })
  const webhookBodies = await purgeInboxBodies(db, new Date(now))
  return { idempotencyKeys: keys.length, notifications: msgs.length, webhookBodies }
}
