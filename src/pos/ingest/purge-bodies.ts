// Retention: a raw webhook body can carry a customer's name, phone and email, and is only
// needed while the event may still be retried or replayed. After 30 days, finished events keep
// their envelope (provider, ids, type, status) for the audit trail and lose the body.
import { and, inArray, lt, ne } from 'drizzle-orm'
import type { Db } from '../../infra/db'
import { asSystem } from '../../infra/scope'
import { inboxEvents } from '../pos.schema'

export const INBOX_BODY_RETENTION_DAYS = 30
/** What an erased body is replaced with (the envelope columns stay for the audit trail). */
export const ERASED_BODY = ''

export async function purgeInboxBodies(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - INBOX_BODY_RETENTION_DAYS * 86_400_000)
  return asSystem(db, async (tx) => {
    const rows = await tx
      .update(inboxEvents)
      .set({ rawBody: ERASED_BODY, headers: {} })
      .where(
        and(
          lt(inboxEvents.receivedAt, cutoff),
          inArray(inboxEvents.status, ['processed', 'ignored']),
          ne(inboxEvents.rawBody, ERASED_BODY),
        ),
      )
      .returning({ id: inboxEvents.id })
    return rows.length
  })
}
