import type { PosAdapter } from '../adapter'
import { extractShopifyEnvelopes } from './envelope'
import { listSalesPage } from './list-sales'
import * as oauth from './oauth'
import { shopifyMeta } from './meta'
import { parseShopifyWebhook } from './parse'
import { verifyShopifyWebhook } from './verify'

/** No fetchDetails: order webhooks carry the full REST Order, contact fields included when approved. */
export const shopifyAdapter: PosAdapter = {
  meta: shopifyMeta,
  verify: verifyShopifyWebhook,
  extractEnvelopes: extractShopifyEnvelopes,
  parse: parseShopifyWebhook,
  oauth: {
    flow: 'authorization_code',
    env: { clientId: 'SHOPIFY_API_KEY', clientSecret: 'SHOPIFY_API_SECRET' },
    tokenOwner: 'connection',
    externalMerchantId: 'callback query shop (parseShopDomain), after verifyCallbackHmac',
    pkce: false,
    rotatesRefreshToken: 'always',
    scopes: oauth.SCOPES,
    ...oauth,
  },
  polling: { page: listSalesPage, cursorAt: (d) => d.toISOString() },
}
