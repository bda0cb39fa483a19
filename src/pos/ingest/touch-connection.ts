// "Last event" on a connection, for the merchant's connections page and silence detection.
// Written at most once a minute per connection so a burst of receipts does not queue on the
// connection's row lock.
import { and, eq, isNull, lt, or } from 'drizzle-orm'
import type { Tx } from '../../infra/db'
import { posConnections } from '../pos.schema'

export async function updateLastEventAt(tx: Tx, c: { id: string; lastEventAt: Date | null }, now: Date) {
  if (c.lastEventAt && now.getTime() - c.lastEventAt.getTime() < 60_000) return
  await tx
    .update(posConnections)
    .set({ lastEventAt: now })
    .where(and(eq(posConnections.id, c.id), or(isNull(posConnections.lastEventAt), lt(posConnections.lastEventAt, new Date(now.getTime() - 60_000)))))
}
