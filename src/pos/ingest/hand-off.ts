// Receipt's hand-off to the workers (ADR 0019): rows stored by concurrent requests are gathered
// for a few milliseconds and queued together, one Redis round trip per batch instead of one per
// delivery, and never on the request's path. A row whose batch is lost (Redis down, process
// killed before the flush) is still durable; the sweeper queues it after its grace period.
import type { AppDeps } from '../../infra/deps'
import { enqueueInboxEventBatches, JOB_BATCH } from './enqueue-inbox-events'

/**
 * Short enough to be invisible next to processing, long enough to gather a rush into batches:
 * each job costs the receipt a BullMQ script call and the worker a fetch, whatever its size.
 */
const LINGER_MS = 25

type Pending = { ids: string[]; timer: ReturnType<typeof setTimeout> | null; settle: (() => void)[] }
const pendingFor = new WeakMap<Pick<AppDeps, 'queues'>, Pending>()

/** Queues the rows soon; settles once their batch was queued or left to the sweeper. Never rejects. */
export function handOff(deps: Pick<AppDeps, 'queues'>, ids: readonly string[]): Promise<void> {
  if (!ids.length) return Promise.resolve()
  const p = pendingFor.get(deps) ?? { ids: [], timer: null, settle: [] }
  pendingFor.set(deps, p)
  p.ids.push(...ids)
  const flushed = new Promise<void>((resolve) => p.settle.push(resolve))
  if (p.ids.length >= JOB_BATCH * 4) void flush(deps, p)
  else p.timer ??= setTimeout(() => void flush(deps, p), LINGER_MS)
  return flushed
}

async function flush(deps: Pick<AppDeps, 'queues'>, p: Pending) {
  if (p.timer) clearTimeout(p.timer)
  p.timer = null
  const ids = p.ids.splice(0)
  const settle = p.settle.splice(0)
  await enqueueInboxEventBatches(deps, ids)
  for (const s of settle) s()
}
