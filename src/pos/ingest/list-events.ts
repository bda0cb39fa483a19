// The admin console's view of the webhook inbox: what arrived, from whom, and how it went.
// Platform-wide by design (unknown merchants have no tenant yet), so it runs in system scope.
// The raw body and headers are never selected: a payload can carry a customer's phone,
// email or name, and an operator deciding whether to replay needs none of that.
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm'
import type { Db } from '../../infra/db'
import { scrubString } from '../../infra/redact'
import { asSystem } from '../../infra/scope'
import type { PosProvider } from '../registry'
import { inboxEvents, type InboxEventStatus } from '../pos.schema'

export type InboxEventFilter = {
  id?: string
  status?: InboxEventStatus
  provider?: PosProvider
  externalMerchantId?: string
  /** Paging: rows received before this row (its time and id), newest first. */
  before?: { at: Date; id: string }
  limit?: number
}

export type InboxEventView = {
  id: string
  provider: PosProvider
  eventType: string
  externalMerchantId: string | null
  tenantId: string | null
  source: 'webhook' | 'poll'
  status: InboxEventStatus
  attempts: number
  lastError: string | null
  receivedAt: Date
  processedAt: Date | null
}

export async function listInboxEvents(db: Db, f: InboxEventFilter = {}): Promise<InboxEventView[]> {
  const where: SQL[] = []
  if (f.id) where.push(eq(inboxEvents.id, f.id))
  if (f.status) where.push(eq(inboxEvents.status, f.status))
  if (f.provider) where.push(eq(inboxEvents.provider, f.provider))
  if (f.externalMerchantId) where.push(eq(inboxEvents.externalMerchantId, f.externalMerchantId))
  if (f.before)
    where.push(
      or(
        lt(inboxEvents.receivedAt, f.before.at),
        and(eq(inboxEvents.receivedAt, f.before.at), lt(inboxEvents.id, f.before.id)),
      )!,
    )
  const rows = await asSystem(db, (tx) =>
    tx
      .select({
        id: inboxEvents.id,
        provider: inboxEvents.provider,
        eventType: inboxEvents.eventType,
        externalMerchantId: inboxEvents.externalMerchantId,
        tenantId: inboxEvents.tenantId,
        source: inboxEvents.source,
        status: inboxEvents.status,
        attempts: inboxEvents.attempts,
        lastError: inboxEvents.lastError,
        receivedAt: inboxEvents.receivedAt,
        processedAt: inboxEvents.processedAt,
      })
      .from(inboxEvents)
      .where(and(...where))
      .orderBy(desc(inboxEvents.receivedAt), desc(inboxEvents.id))
      .limit(Math.min(f.limit ?? 50, 200)),
  )
  // A stored error is our own message, but a database error can quote a value: scrub it anyway.
  return rows.map((r) => ({ ...r, lastError: r.lastError === null ? null : scrubString(r.lastError) }))
}
