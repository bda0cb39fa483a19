// Receipt (architecture principle 5, ADR 0019): verify the raw bytes, store the delivery in the
// inbox with ONE prepared statement, answer. Routing to the tenant, bookkeeping and processing
// happen in the worker; the hand-off to it is batched and off the request's path. Nothing here
// parses money or identity, and no row is shared between deliveries, so a lunch rush costs one
// independent INSERT per sale.
import type { Config } from '../../config'
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { newId } from '../../shared/ids'
import type { PosAdapter, RawWebhook, WebhookEnvelope } from '../adapter'
import type { PosProvider } from '../pos-event'
import { posAdapters, posProviders } from '../registry'
import { handOff } from './hand-off'
import { receiptRate } from './receipt-rate'
import { connectionFor, insertInboxEvents, type NewInboxEvent } from './inbox.repo'
import { storeDelivery } from './store-delivery'

export type ReceiveOutcome = 'stored' | 'duplicate' | 'rejected' | 'unreadable'
export type IngestResult = { stored: string[]; duplicates: number; unknownMerchant: number }

/** Header names never stored: every provider's signature (or static code) and any credential. */
const SECRET_HEADERS = new Set([
  'authorization',
  'cookie',
  'shopify-hmac-sha256',
  ...posProviders.map((p) => posAdapters[p].meta.signatureHeader.toLowerCase()),
])

export function storableHeaders(adapter: PosAdapter, headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  const signature = adapter.meta.signatureHeader.toLowerCase()
  headers.forEach((value, name) => {
    const key = name.toLowerCase()
    if (key !== signature && !SECRET_HEADERS.has(key)) out[key] = value
  })
  return out
}

/** Square signs the notification URL as registered, not the one we see behind a proxy. */
const notificationUrl = (config: Config, provider: PosProvider) =>
  config.pos[provider].webhookUrl ?? new URL(`/webhooks/${provider}`, config.APP_BASE_URL).toString()

/**
 * Stores verified envelopes already routed to their tenant: polling's door (issue 7) and the
 * demo seed. The rows are committed before this returns; `queued` settles once they are handed
 * to the queue (or the enqueue gave up, leaving them to the sweeper).
 */
export async function ingestEvent(
  deps: AppDeps,
  provider: PosProvider,
  envelopes: readonly WebhookEnvelope[],
  delivery: { rawBody: string; headers: Record<string, string> },
  source: 'webhook' | 'poll',
): Promise<{ result: IngestResult; queued: Promise<void> }> {
  const now = deps.clock()
  const result: IngestResult = { stored: [], duplicates: 0, unknownMerchant: 0 }
  await asSystem(deps.dbh.db, async (tx) => {
    const rows: NewInboxEvent[] = []
    for (const env of envelopes) {
      const connection = await connectionFor(tx, provider, env.externalMerchantId)
      rows.push({
        id: newId('whk', now.getTime()),
        provider,
        providerEventId: env.providerEventId,
        externalMerchantId: env.externalMerchantId,
        tenantId: connection?.tenantId ?? null,
        eventType: env.eventType,
        rawBody: delivery.rawBody,
        headers: delivery.headers,
        source,
        // Unknown merchants are kept, not dropped (api-v1.md), and claimed when linked.
        status: connection ? 'received' : 'unmatched_merchant',
        receivedAt: now,
      })
    }
    const inserted = await insertInboxEvents(tx, rows)
    result.duplicates = rows.length - inserted.length
    for (const r of inserted) {
      if (r.status === 'received') result.stored.push(r.id)
      else result.unknownMerchant++
    }
  })
  return { result, queued: handOff(deps, result.stored) }
}

/** The webhook route's whole job. Never throws for bad input: the outcome names the answer. */
export async function receiveWebhook(
  deps: AppDeps,
  provider: PosProvider,
  webhook: RawWebhook & { rawBody: Uint8Array },
): Promise<{ outcome: ReceiveOutcome }> {
  const adapter = posAdapters[provider]
  const config = deps.config
  if (
    !adapter.verify({
      ...webhook,
      url: notificationUrl(config, provider),
      secrets: config.pos[provider].webhookSecrets,
      now: deps.clock(),
    })
  )
    return { outcome: 'rejected' }
  const envelopes = adapter.extractEnvelopes(webhook)
  if (!envelopes?.length) return { outcome: 'unreadable' }
  const rawBody = new TextDecoder('utf-8', { fatal: false }).decode(webhook.rawBody)
  const headers = storableHeaders(adapter, webhook.headers)
  const now = deps.clock()
  const stored: string[] = []
  // Usually one envelope (Clover may batch several): each is stored and committed in turn
  // (store-delivery.ts), and a redelivery after a partial failure finds the stored ones as duplicates.
  for (const env of envelopes) {
    const id = await storeDelivery(deps.dbh.db, {
      id: newId('whk', now.getTime()),
      provider,
      providerEventId: env.providerEventId,
      externalMerchantId: env.externalMerchantId,
      eventType: env.eventType,
      rawBody,
      headers,
      receivedAt: now,
    })
    if (id) stored.push(id)
  }
  // Redeliveries count too: acknowledging them is the same work.
  receiptRate.note(performance.now(), envelopes.length)
  void handOff(deps, stored)
  return { outcome: stored.length ? 'stored' : 'duplicate' }
}
