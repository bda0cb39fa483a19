// How far processing is behind receipt: the age of the oldest inbox event still waiting. The
// "points within a second" promise is broken long before any error shows, so operators alert
// on this (ops/alerts.yml, PosProcessingLag). Uses the (status, received_at) index.
import { sql } from 'drizzle-orm'
import { type Db, execRows } from '../../infra/db'
import { asSystem } from '../../infra/scope'

export async function oldestUnprocessedAgeSeconds(db: Db, now: Date): Promise<number> {
  const rows = await asSystem(db, (tx) =>
    execRows<{ oldest: string | null }>(
      tx,
      sql`select min(received_at)::text as oldest from webhook_events where status = 'received'`,
    ),
  )
  const oldest = rows[0]?.oldest
  return oldest ? Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000) : 0
}
