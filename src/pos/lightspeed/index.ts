import type { PosAdapter } from '../adapter'
import { extractLightspeedEnvelopes } from './envelope'
import { fetchLightspeedDetails } from './fetch-details'
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
}
