// Shell around the pure state machine: load the stored health, apply one event, persist the
// result and its history row, and tell the merchant once when the connection stops working.
// Callers hold the connection's row lock (getConnection(..., { lock: true })) so two events for
// one connection never both see "connected" and both send the email.
import type { AppDeps } from '../../infra/deps'
import type { Tx } from '../../infra/db'
import { log } from '../../infra/logger'
import { applyConnectionEvent, type ConnectionEvent, type ConnectionHealth, type Transition } from './connection-status'
import { type Connection, recordChange, saveSync, updateConnection } from './connections.repo'
import { emailOwnersAboutDisconnection } from './notify-disconnection'

export function healthOf(c: Connection): ConnectionHealth {
  return {
    status: c.status,
    cause: c.sync.degradedCause,
    reason: c.statusReason,
    changedAt: c.statusChangedAt,
    lastFailureAt: c.sync.lastFailureAt,
  }
}

export type RecordedEvent = Transition & { connection: Connection }

export async function recordConnectionEvent(
  tx: Tx,
  c: Connection,
  event: ConnectionEvent,
  now: Date,
  lastError?: string,
): Promise<RecordedEvent> {
  const t = applyConnectionEvent(healthOf(c), event, now)
  const h = t.health
  await updateConnection(tx, c.id, {
    status: h.status,
    statusReason: h.reason,
    statusChangedAt: h.changedAt,
    ...(lastError !== undefined && { lastError }),
  })
  await saveSync(tx, c, { degradedCause: h.cause, lastFailureAt: h.lastFailureAt }, now)
  if (t.changed) await recordChange(tx, c, c.status, h.status, h.reason, t.notify, now)
  const connection: Connection = {
    ...c,
    status: h.status,
    statusReason: h.reason,
    statusChangedAt: h.changedAt,
    lastError: lastError ?? c.lastError,
    sync: { ...c.sync, degradedCause: h.cause, lastFailureAt: h.lastFailureAt },
  }
  return { ...t, connection }
}

/** Run after the transaction that recorded the event has committed (principle 11). */
export async function afterConnectionEvent(deps: AppDeps, recorded: RecordedEvent): Promise<void> {
  if (!recorded.changed) return
  log.info(
    { connectionId: recorded.connection.id, provider: recorded.connection.provider, status: recorded.health.status },
    'pos connection status changed',
  )
  if (recorded.notify) await emailOwnersAboutDisconnection(deps, recorded.connection)
}
