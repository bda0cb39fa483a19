// REST origin for one connection: per shop (Shopify), per retailer host (Lightspeed), or the
// provider's single API host; `<PROVIDER>_API_BASE_URL` overrides all of them (sandbox, fakes).
import type { Config } from '../../config'
import type { Connection } from './connections.repo'
import { providerSettings } from './provider-settings'

export function providerApiBase(
  config: Config,
  c: Pick<Connection, 'provider' | 'externalMerchantId' | 'sync'>,
): string {
  const s = providerSettings(config, c.provider)
  if (s.origin.override) return s.origin.override
  if (c.provider === 'shopify') return `https://${c.externalMerchantId}`
  if (c.provider === 'lightspeed') return `https://${c.sync.tokenHost ?? c.externalMerchantId}.retail.lightspeed.app`
  return s.apiBaseUrl ?? ''
}
