import type { PosAdapter } from '../adapter'
import { extractSquareEnvelopes } from './envelope'
import { fetchSquareDetails } from './fetch-details'
import { listSalesPage } from './list-sales'
import * as oauth from './oauth'
import { squareMeta } from './meta'
import { parseSquareWebhook } from './parse'
import { verifySquareWebhook } from './verify'

export const squareAdapter: PosAdapter = {
  meta: squareMeta,
  verify: verifySquareWebhook,
  extractEnvelopes: extractSquareEnvelopes,
  parse: parseSquareWebhook,
  fetchDetails: fetchSquareDetails,
  oauth: {
    flow: 'authorization_code',
    env: { clientId: 'SQUARE_APPLICATION_ID', clientSecret: 'SQUARE_APPLICATION_SECRET' },
    tokenOwner: 'connection',
    externalMerchantId: 'token response merchant_id',
    // PKCE grants get single-use 90-day refresh tokens; code-flow ones are multi-use forever.
    pkce: true,
    rotatesRefreshToken: 'pkce_only',
    scopes: oauth.SCOPES,
    ...oauth,
  },
  polling: { page: listSalesPage, cursorAt: (d) => d.toISOString() },
}
