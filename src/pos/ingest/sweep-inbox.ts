// The inbox sweeper: what makes "acknowledged" mean "will be processed". It hands the queue
// every row still waiting after a grace period (its enqueue was lost: Redis down, process
// killed between commit and enqueue), held rows whose tenant is active again, and unknown-
// merchant rows whose merchant has been linked since.
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { enqueueInboxEvents } from './enqueue-inbox-events'
import { claimAllLinkedRows, rowsToSweep } from './inbox.repo'

/** Long enough for a normal enqueue to have happened, short enough to recover quickly. */
const GRACE_MS = 10_000
const BATCH = 500

export async function sweepInbox(deps: AppDeps, opts: { graceMs?: number } = {}): Promise<{ queued: number }> {
  const olderThan = new Date(deps.clock().getTime() - (opts.graceMs ?? GRACE_MS))
  const { rows, claimed } = await asSystem(deps.dbh.db, async (tx) => ({
    claimed: await claimAllLinkedRows(tx, BATCH),
    rows: await rowsToSweep(tx, olderThan, BATCH),
  }))
  const attempts = new Map(rows.map((r) => [r.id, r.attempts]))
  const ids = [...new Set([...claimed, ...rows.map((r) => r.id)])]
  // One job id per attempt count: a row whose job is merely waiting is not queued twice, while a
  // row whose job died (or completed as held) gets a new one.
  const queued = await enqueueInboxEvents(deps, ids, (id) => `a${attempts.get(id) ?? 0}`)
  return { queued }
}
