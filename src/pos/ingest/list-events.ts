// The admin console's view of the webhook inbox: what arrived, from whom, and how it went.
// Platform-wide by design (unknown merchants have no tenant yet), so it runs in system scope.
// The raw body and headers are never selected: a payload can carry a customer's phone,
// email or name, and an operator deciding whether to replay needs none of that.
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm'
import type { Db } from '../../infra/db'
import { scrubString } from '../../infra/redact'
import { asSystem } from '../../infra/scope'
import type { PosProvider } from '../registry'
import { type WebhookEventStatus, webhookEvents } from '../pos.schema'

export type WebhookEventFilter = {
  id?: string
  status?: WebhookEventStatus
  provider?: PosProvider
  externalMerchantId?: string
  /** Paging: rows received before this row (its time and id), newest first. */
  before?: { at: Date; id: string }
  limit?: number
}

export type WebhookEventView = {
  id: string
  provider: PosProvider
  eventType: string
  externalMerchantId: string | null
  tenantId: string | null
  source: 'webhook' | 'poll'
  status: WebhookEventStatus
  attempts: number
  lastError: string | null
  receivedAt: Date
  processedAt: Date | null
}

export async function listWebhookEvents(db: Db, f: WebhookEventFilter = {}): Promise<WebhookEventView[]> {
  const where: SQL[] = []
  if (f.id) where.push(eq(webhookEvents.id, f.id))
  if (f.status) where.push(eq(webhookEvents.status, f.status))
  if (f.provider) where.push(eq(webhookEvents.provider, f.provider))
  if (f.externalMerchantId) where.push(eq(webhookEvents.externalMerchantId, f.externalMerchantId))
  if (f.before) where.push(or(lt(webhookEvents.receivedAt, f.before.at), and(eq(webhookEvents.receivedAt, f.before.at), lt(webhookEvents.id, f.before.id)))!)
  const rows = await asSystem(db, (tx) =>
    tx
      .select({
        id: webhookEvents.id,
        provider: webhookEvents.provider,
        eventType: webhookEvents.eventType,
        externalMerchantId: webhookEvents.externalMerchantId,
        tenantId: webhookEvents.tenantId,
        source: webhookEvents.source,
        status: webhookEvents.status,
        attempts: webhookEvents.attempts,
        lastError: webhookEvents.lastError,
        receivedAt: webhookEvents.receivedAt,
        processedAt: webhookEvents.processedAt,
      })
      .from(webhookEvents)
      .where(and(...where))
      .orderBy(desc(webhookEvents.receivedAt), desc(webhookEvents.id))
      .limit(Math.min(f.limit ?? 50, 200)),
  )
  // A stored error is our own message, but a database error can quote a value: scrub it anyway.
  return rows.map((r) => ({ ...r, lastError: r.lastError === null ? null : scrubString(r.lastError) }))
}
