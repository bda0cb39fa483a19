// What a consumer sees of a shop's own settings: its colour and logo (white-label) on the wallet
// cards and the redemption page, its contact email, and its time zone for the dates shown. Tenants carry no tenant_id (no RLS); the ids come from the
// consumer's own wallets.
import { inArray } from 'drizzle-orm'
import type { DbOrTx } from '../infra/db'
import { tenants } from './tenancy.schema'

export type ShopBrand = { color: string | null; logoUrl: string | null; contactEmail: string | null; timeZone: string }

export async function shopBrands(db: DbOrTx, tenantIds: readonly string[]): Promise<Map<string, ShopBrand>> {
  if (tenantIds.length === 0) return new Map()
  const rows = await db
    .select({
      id: tenants.id,
      color: tenants.brandColor,
      logoUrl: tenants.logoUrl,
      contactEmail: tenants.contactEmail,
      timeZone: tenants.timeZone,
    })
    .from(tenants)
    .where(inArray(tenants.id, [...new Set(tenantIds)]))
  return new Map(
    rows.map((r) => [r.id, { color: r.color, logoUrl: r.logoUrl, contactEmail: r.contactEmail, timeZone: r.timeZone }]),
  )
}
