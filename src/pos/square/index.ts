import type { PosAdapter } from '../adapter'
import { extractSquareEnvelopes } from './envelope'
import { fetchSquareDetails } from './fetch-details'
import { squareMeta } from './meta'
import { parseSquareWebhook } from './parse'
import { verifySquareWebhook } from './verify'

export const squareAdapter: PosAdapter = {
  meta: squareMeta,
  verify: verifySquareWebhook,
  extractEnvelopes: extractSquareEnvelopes,
  parse: parseSquareWebhook,
  fetchDetails: fetchSquareDetails,
}
