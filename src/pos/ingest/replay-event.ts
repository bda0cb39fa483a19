// Platform admin replays a stored event (api-v1.md: 202): the row goes back to received and a
// fresh job runs it. Effects stay exactly-once: the transaction, refund and ledger keys make a
// replay of something already applied a no-op. Audited.
import { recordAudit } from '../../audit'
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { AppError } from '../../shared/errors'
import { enqueueInboxEvents } from './enqueue-inbox-events'
import { getInboxEvent, updateInboxEvent } from './inbox.repo'

export async function replayInboxEvent(
  deps: AppDeps,
  actorUserId: string,
  inboxEventId: string,
  reason: string,
): Promise<{ id: string; status: string }> {
  const now = deps.clock()
  const row = await asSystem(deps.dbh.db, async (tx) => {
    const found = await getInboxEvent(tx, inboxEventId)
    if (!found) throw new AppError('not_found', 'Webhook event not found')
    // An unknown merchant's event stays parked until linked; everything else runs again.
    const status = found.status === 'unmatched_merchant' ? 'unmatched_merchant' : 'received'
    await updateInboxEvent(tx, found.id, { status, processedAt: null })
    await recordAudit(tx, {
      actorUserId,
      action: 'webhook_event.replay',
      target: { type: 'webhook_event', id: found.id, tenantId: found.tenantId },
      before: { status: found.status, attempts: found.attempts },
      after: { status },
      reason,
      at: now,
    })
    return { id: found.id, status }
  })
  // With Redis down the enqueue gives up, and the row, back in received, waits for the sweeper.
  if (row.status === 'received') await enqueueInboxEvents(deps, [row.id], () => `r${now.getTime()}`)
  return row
}
