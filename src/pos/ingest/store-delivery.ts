// The webhook ack's one durable statement, prepared once per database (ADR 0019).
import { sql } from 'drizzle-orm'
import type { Db } from '../../infra/db'
import type { PosProvider } from '../registry'

/**
 * The webhook ack's one durable statement (drizzle/0013, ADR 0019), built once per database and
 * executed as a named prepared statement: at a lunch rush, building and parsing the SQL again for
 * every delivery cost more CPU than the INSERT itself. The result is one column from a function,
 * so no schema change can alter the cached plan's result type.
 */
function buildReceiveStatement(db: Db) {
  const p = (name: string) => sql.placeholder(name)
  return db
    .select({
      id: sql<
        string | null
      >`app_receive_webhook(${p('id')}, ${p('provider')}, ${p('providerEventId')}, ${p('externalMerchantId')}, ${p('eventType')}, ${p('rawBody')}, ${p('headers')}::jsonb, ${p('receivedAt')}::timestamptz)`,
    })
    .from(sql`(values (1)) as one(x)`)
    .prepare('receive_webhook')
}
const receiveStatements = new WeakMap<Db, ReturnType<typeof buildReceiveStatement>>()

/** Called outside any transaction: stores the delivery unrouted and returns its id, or null for a redelivery. */
export async function storeDelivery(
  db: Db,
  r: {
    id: string
    provider: PosProvider
    providerEventId: string
    externalMerchantId: string
    eventType: string
    rawBody: string
    headers: Record<string, string>
    receivedAt: Date
  },
): Promise<string | null> {
  const statement = receiveStatements.get(db) ?? buildReceiveStatement(db)
  receiveStatements.set(db, statement)
  const [row] = await statement.execute({
    ...r,
    headers: JSON.stringify(r.headers),
    receivedAt: r.receivedAt.toISOString(),
  })
  return row?.id ?? null
}
