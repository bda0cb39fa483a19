// The webhook ack's one durable statement (ADR 0019), shared by the deliveries that arrive
// together: group commit. A delivery that finds no statement of its database in flight is stored
// at once, alone; deliveries that arrive while statements are in flight wait for the next one
// and are stored together by it (drizzle/0033). Nothing waits on a timer, so a quiet shop's
// delivery costs what it did; at a lunch rush the statement, its commit and its WAL flush are
// paid once per group instead of once per delivery. Each request still answers only after its
// own row is committed.
import type { Db } from '../../infra/db'
import { runPrepared } from '../../infra/prepared'
import type { PosProvider } from '../registry'

export type Delivery = {
  id: string
  provider: PosProvider
  providerEventId: string
  externalMerchantId: string
  eventType: string
  rawBody: string
  headers: Record<string, string>
  receivedAt: Date
}

/** Enough to carry a rush of every connection the load balancer holds open, small enough to stay one quick statement. */
const MAX_GROUP = 64
/** Statements in flight at once: a share of the pool (DATABASE_POOL_MAX, 10), the rest stays free for pages and the worker. */
const MAX_IN_FLIGHT = 3

type Waiting = { delivery: Delivery; resolve(id: string | null): void; reject(error: unknown): void }
type Queue = { waiting: Waiting[]; inFlight: number }
const queues = new WeakMap<Db, Queue>()

/** Called outside any transaction: stores the delivery unrouted and returns its id, or null for a redelivery. */
export function storeDelivery(db: Db, delivery: Delivery): Promise<string | null> {
  const queue = queues.get(db) ?? newQueue(db)
  return new Promise((resolve, reject) => {
    queue.waiting.push({ delivery, resolve, reject })
    pump(db, queue)
  })
}

function newQueue(db: Db): Queue {
  const queue: Queue = { waiting: [], inFlight: 0 }
  queues.set(db, queue)
  return queue
}

function pump(db: Db, queue: Queue) {
  while (queue.waiting.length && queue.inFlight < MAX_IN_FLIGHT) {
    const group = queue.waiting.splice(0, MAX_GROUP)
    queue.inFlight++
    void storeGroup(db, group).finally(() => {
      queue.inFlight--
      pump(db, queue)
    })
  }
}

async function storeGroup(db: Db, group: Waiting[]): Promise<void> {
  try {
    const stored = new Set(
      await insertDeliveries(
        db,
        group.map((w) => w.delivery),
      ),
    )
    for (const w of group) w.resolve(stored.has(w.delivery.id) ? w.delivery.id : null)
  } catch (error) {
    if (group.length === 1) return group[0]!.reject(error)
    // One delivery the database refuses must not fail the others: each is stored on its own.
    await Promise.all(group.map((w) => storeGroup(db, [w])))
  }
}

/** The ids the statement inserted; a redelivery (stored before, or twice in this group) is not among them. */
async function insertDeliveries(db: Db, deliveries: readonly Delivery[]): Promise<string[]> {
  const group = deliveries.map((d) => ({
    id: d.id,
    provider: d.provider,
    provider_event_id: d.providerEventId,
    external_merchant_id: d.externalMerchantId,
    event_type: d.eventType,
    raw_body: d.rawBody,
    headers: d.headers,
    received_at: d.receivedAt.toISOString(),
  }))
  const rows = await runPrepared<{ id: string }>(db, 'select id::text from app_receive_webhooks($1::text) as id', [
    JSON.stringify(group),
  ])
  return rows.map((r) => r.id)
}
