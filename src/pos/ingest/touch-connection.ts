// "Last event" on a connection, for the merchant's connections page and silence detection.
// Written by the worker once per batch (never by receipt: ADR 0019), and at most once a minute
// per connection, so a rush of sales does not queue on the connection's row lock.
import type { Tx } from '../../infra/db'
import { runPrepared } from '../../infra/prepared'

export async function touchConnections(tx: Tx, connectionIds: readonly string[], now: Date) {
  if (!connectionIds.length) return
  await runPrepared(
    tx,
    `update pos_connections set last_event_at = $1
     where id = any($2) and (last_event_at is null or last_event_at < $3)`,
    [now, [...new Set(connectionIds)], new Date(now.getTime() - 60_000)],
  )
}
