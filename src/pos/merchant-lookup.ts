// How a provider's merchant id finds its connection, shared by webhook routing (ingest) and the
// connection lifecycle (revocation, relinking). A connection answers to its external merchant
// id and to its alias: Lightspeed X-Series deliveries sometimes name only the store's
// domain_prefix instead of the retailer id (src/pos/lightspeed/README.md).
import { and, eq, or, type SQL, sql } from 'drizzle-orm'
import type { PosProvider } from './registry'
import { posConnections } from './pos.schema'

export function namesMerchant(provider: PosProvider, merchantId: string): SQL | undefined {
  return and(
    eq(posConnections.provider, provider),
    or(eq(posConnections.externalMerchantId, merchantId), eq(posConnections.externalAlias, merchantId)),
  )
}

/** Order by this and take the first row: an exact primary id beats another connection's alias. */
export const primaryIdFirst = (merchantId: string): SQL =>
  sql`(${posConnections.externalMerchantId} = ${merchantId}) desc`
