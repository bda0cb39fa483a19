// Is our app still installed on this shop? Shopify revokes the shop's tokens on uninstall, so
// the smallest GraphQL call with the stored token answers: 401 = uninstalled, data = installed.
// app/uninstalled is signed over the body only, and the body is replayable under another
// shop's headers, so a revocation is acted on only once Shopify itself confirms it.
import { z } from 'zod'
import type { FetchContext } from '../adapter'
import { shopifyGraphql } from './graphql'

export type ShopAccess = 'installed' | 'uninstalled' | 'unknown'

const shop = z.object({ shop: z.object({ myshopifyDomain: z.string() }) })

export async function checkShopAccess(ctx: FetchContext): Promise<ShopAccess> {
  const r = await shopifyGraphql(ctx, 'query { shop { myshopifyDomain } }', {}, shop)
  if (r.ok) return 'installed'
  return r.error.code === 'unauthorized' ? 'uninstalled' : 'unknown'
}
