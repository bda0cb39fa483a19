import type { PosAdapter } from '../adapter'
import { extractToastEnvelopes } from './envelope'
import { fetchToastDetails } from './fetch-details'
import { toastMeta } from './meta'
import { parseToastWebhook } from './parse'
import { verifyToastWebhook } from './verify'

export const toastAdapter: PosAdapter = {
  meta: toastMeta,
  verify: verifyToastWebhook,
  extractEnvelopes: extractToastEnvelopes,
  parse: parseToastWebhook,
  fetchDetails: fetchToastDetails,
}
