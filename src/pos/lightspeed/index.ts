import type { PosAdapter } from '../adapter'
import { extractLightspeedEnvelopes } from './envelope'
import { fetchLightspeedDetails } from './fetch-details'
import { listSalesPage } from './list-sales'
import * as oauth from './oauth'
import { lightspeedMeta } from './meta'
import { parseLightspeedWebhook } from './parse'
import { verifyLightspeedWebhook } from './verify'

/** Lightspeed Retail X-Series (formerly Vend). K-Series is a different API and not covered. */
export const lightspeedAdapter: PosAdapter = {
  meta: lightspeedMeta,
  verify: verifyLightspeedWebhook,
  extractEnvelopes: extractLightspeedEnvelopes,
  parse: parseLightspeedWebhook,
  fetchDetails: fetchLightspeedDetails,
  oauth: {
    flow: 'authorization_code',
    env: { clientId: 'LIGHTSPEED_CLIENT_ID', clientSecret: 'LIGHTSPEED_CLIENT_SECRET' },
    tokenOwner: 'connection',
    externalMerchantId: 'retailer id from the API; callback domain_prefix only picks the token host',
    pkce: false,
    rotatesRefreshToken: 'always',
    scopes: oauth.SCOPES,
    ...oauth,
  },
  // The sales feed has no time filter: a poll from "a time" starts at the beginning.
  polling: { page: listSalesPage, cursorAt: () => '0' },
}
