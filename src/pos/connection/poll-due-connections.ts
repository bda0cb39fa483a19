// The polling tick (every POS_POLL_INTERVAL_S): one fan-out job that enqueues a poll job per
// due connection. Job ids carry the connection and the tick, so overlapping ticks or workers
// never poll one connection twice at once, and the payload is the connection id only (O6).
import { eq, max } from 'drizzle-orm'
import type { Tx } from '../../infra/db'
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { inboxEvents } from '../pos.schema'
import { type PosProvider, posAdapters, posProviders } from '../registry'
import { listAllConnections } from './connections.repo'
import { planPolls } from './poll-plan'

export const POLL_CONNECTION_JOB = 'poll-pos-connection'

/** Providers whose webhooks this deployment can verify (a secret is configured). */
export function webhookProviders(config: AppDeps['config']): Set<PosProvider> {
  return new Set(posProviders.filter((p) => config.pos[p].webhookSecrets.length > 0))
}

export async function enqueueDuePolls(deps: AppDeps): Promise<string[]> {
  const now = deps.clock()
  const { all, lastWebhook } = await asSystem(deps.dbh.db, async (tx) => ({
    all: await listAllConnections(tx),
    lastWebhook: await lastWebhookAt(tx),
  }))
  const due = planPolls(
    // Only providers with a listing API can be polled.
    all
      .filter((c) => posAdapters[c.provider].polling)
      .map((c) => ({
        connectionId: c.id,
        provider: c.provider,
        status: c.status,
        lastEventAt: lastWebhook.get(`${c.provider}/${c.externalMerchantId}`) ?? null,
        lastPolledAt: c.lastPolledAt,
        pollNotBefore: c.sync.pollNotBefore,
      })),
    now,
    {
      intervalMs: deps.config.POS_POLL_INTERVAL_S * 1000,
      silenceMs: deps.config.POS_WEBHOOK_SILENCE_MINUTES * 60_000,
      webhookProviders: webhookProviders(deps.config),
    },
  )
  const slot = Math.floor(now.getTime() / (deps.config.POS_POLL_INTERVAL_S * 1000))
  for (const d of due) {
    await deps.queues.enqueue(
      'connections',
      POLL_CONNECTION_JOB,
      { connectionId: d.connectionId },
      { jobId: `poll-${d.connectionId}-${slot}`, attempts: 1 },
    )
  }
  return due.map((d) => d.connectionId)
}

// Silence is judged on webhook deliveries only: pos_connections.last_event_at also moves when a
// poll stores a sale, which would make polling switch itself off.
async function lastWebhookAt(tx: Tx): Promise<Map<string, Date>> {
  const rows = await tx
    .select({
      provider: inboxEvents.provider,
      merchant: inboxEvents.externalMerchantId,
      at: max(inboxEvents.receivedAt),
    })
    .from(inboxEvents)
    .where(eq(inboxEvents.source, 'webhook'))
    .groupBy(inboxEvents.provider, inboxEvents.externalMerchantId)
  return new Map(rows.flatMap((r) => (r.at && r.merchant ? [[`${r.provider}/${r.merchant}`, r.at] as const] : [])))
}
