import type { PosAdapter } from '../adapter'
import { extractCloverEnvelopes } from './envelope'
import { fetchCloverDetails } from './fetch-details'
import { cursorAt, listSalesPage } from './list-sales'
import * as oauth from './oauth'
import { cloverMeta } from './meta'
import { parseCloverWebhook } from './parse'
import { verifyCloverWebhook } from './verify'

export const cloverAdapter: PosAdapter = {
  meta: cloverMeta,
  verify: verifyCloverWebhook,
  extractEnvelopes: extractCloverEnvelopes,
  parse: parseCloverWebhook,
  fetchDetails: fetchCloverDetails,
  oauth: {
    flow: 'authorization_code',
    env: { clientId: 'CLOVER_APP_ID', clientSecret: 'CLOVER_APP_SECRET' },
    tokenOwner: 'connection',
    externalMerchantId: 'callback query merchant_id',
    pkce: true,
    rotatesRefreshToken: 'always',
    scopes: oauth.SCOPES,
    ...oauth,
  },
  polling: { page: listSalesPage, cursorAt },
}
