import type { PosAdapter } from '../adapter'
import { extractCloverEnvelopes } from './envelope'
import { fetchCloverDetails } from './fetch-details'
import { cloverMeta } from './meta'
import { parseCloverWebhook } from './parse'
import { verifyCloverWebhook } from './verify'

export const cloverAdapter: PosAdapter = {
  meta: cloverMeta,
  verify: verifyCloverWebhook,
  extractEnvelopes: extractCloverEnvelopes,
  parse: parseCloverWebhook,
  fetchDetails: fetchCloverDetails,
}
