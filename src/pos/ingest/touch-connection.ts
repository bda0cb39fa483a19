// "Last event" on a connection, for the merchant's connections page and silence detection.
// Written by the worker once per batch (never by receipt: ADR 0019), and at most once a minute
// per connection, so a rush of sales does not queue on the connection's row lock.
import { and, inArray, isNull, lt, or } from 'drizzle-orm'
import type { Tx } from '../../infra/db'
import { posConnections } from '../pos.schema'

export async function touchConnections(tx: Tx, connectionIds: readonly string[], now: Date) {
  if (!connectionIds.length) return
  await tx
    .update(posConnections)
    .set({ lastEventAt: now })
    .where(
      and(
        inArray(posConnections.id, [...new Set(connectionIds)]),
        or(isNull(posConnections.lastEventAt), lt(posConnections.lastEventAt, new Date(now.getTime() - 60_000))),
      ),
    )
}
