// App credentials and origins for each provider, from the typed `config.pos[provider]` (built
// from the env names its descriptor declares).
import type { Config } from '../../config'
import { type PosProvider, posAdapters } from '../registry'
import type { OriginContext } from './oauth-origin'

export type ProviderSettings = {
  clientId: string | undefined
  clientSecret: string | undefined
  /** REST origin for list/detail calls when it does not depend on the merchant. */
  apiBaseUrl: string | undefined
  origin: OriginContext
}

// config.ts defaults each <PROVIDER>_API_BASE_URL to a production origin so it is never empty.
// An override replaces *every* origin of a provider (consent page and token host alike), which
// is right for sandboxes and fakes but wrong in production, where Clover and Lightspeed use
// different hosts for each. So the documented default counts as "no override".
export function providerSettings(
  config: Config,
  provider: PosProvider,
  merchant: { shop?: string; domainPrefix?: string } = {},
): ProviderSettings {
  const c = config.pos[provider]
  const production = posAdapters[provider].meta.productionApiBaseUrl
  const base = c.apiBaseUrl
  const override = base !== undefined && base !== production ? new URL(base).origin : undefined
  return {
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    apiBaseUrl: override ?? production,
    origin: {
      ...(override !== undefined && { override }),
      ...(merchant.shop !== undefined && { shop: merchant.shop }),
      ...(merchant.domainPrefix !== undefined && { domainPrefix: merchant.domainPrefix }),
    },
  }
}

/** The callback URL registered with every provider (api-v1: GET /oauth/{provider}/callback). */
export function callbackUrl(config: Config, provider: PosProvider): string {
  return new URL(`/oauth/${provider}/callback`, config.APP_BASE_URL).toString()
}

/** Whether this server can connect the provider at all (its app credentials are configured). */
export function canConnect(config: Config, provider: PosProvider): boolean {
  return providerSettings(config, provider).clientId !== undefined
}
