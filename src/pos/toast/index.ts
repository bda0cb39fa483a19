import type { PosAdapter } from '../adapter'
import { extractToastEnvelopes } from './envelope'
import { fetchToastDetails } from './fetch-details'
import { listSalesPage } from './list-sales'
import * as oauth from './oauth'
import { toastMeta } from './meta'
import { parseToastWebhook } from './parse'
import { verifyToastWebhook } from './verify'

export const toastAdapter: PosAdapter = {
  meta: toastMeta,
  verify: verifyToastWebhook,
  extractEnvelopes: extractToastEnvelopes,
  parse: parseToastWebhook,
  fetchDetails: fetchToastDetails,
  oauth: {
    flow: 'client_credentials',
    env: { clientId: 'TOAST_CLIENT_ID', clientSecret: 'TOAST_CLIENT_SECRET' },
    tokenOwner: 'partner',
    externalMerchantId: 'restaurant GUID from the partners webhook (parseRestaurantGuid)',
    ...oauth,
  },
  polling: { page: listSalesPage, cursorAt: (d) => d.toISOString() },
}
