import type { PosAdapter } from '../adapter'
import { extractShopifyEnvelopes } from './envelope'
import { shopifyMeta } from './meta'
import { parseShopifyWebhook } from './parse'
import { verifyShopifyWebhook } from './verify'

/** No fetchDetails: order webhooks carry the full REST Order, contact fields included when approved. */
export const shopifyAdapter: PosAdapter = {
  meta: shopifyMeta,
  verify: verifyShopifyWebhook,
  extractEnvelopes: extractShopifyEnvelopes,
  parse: parseShopifyWebhook,
}
