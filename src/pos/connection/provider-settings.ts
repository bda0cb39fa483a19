// App credentials and origins for each provider, looked up from the parsed Config by the env
// names the OAuth registry declares. Nothing else in the connection shell reads Config keys.
import type { Config } from '../../config'
import type { OriginContext, ProviderSlug } from './oauth-common'
import { oauthRegistry } from './oauth-registry'

// config.ts defaults each <PROVIDER>_API_BASE_URL to a production origin so it is never empty.
// An override replaces *every* origin of a provider (consent page and token host alike), which
// is right for sandboxes and fakes but wrong in production, where Clover and Lightspeed use
// different hosts for each. So the documented default counts as "no override".
const PRODUCTION_DEFAULTS: Record<ProviderSlug, string | undefined> = {
  square: 'https://connect.squareup.com',
  clover: 'https://api.clover.com',
  shopify: undefined,
  lightspeed: 'https://secure.retail.lightspeed.app',
  toast: 'https://ws-api.toasttab.com',
}

export type ProviderSettings = {
  clientId: string | undefined
  clientSecret: string | undefined
  /** REST origin for list/detail calls when it does not depend on the merchant. */
  apiBaseUrl: string | undefined
  origin: OriginContext
}

export function providerSettings(config: Config, provider: ProviderSlug, merchant: { shop?: string; domainPrefix?: string } = {}): ProviderSettings {
  const env = oauthRegistry[provider].env
  const read = (name: string) => {
    const raw = (config as unknown as Record<string, unknown>)[name]
    // A rotating secret list (SHOPIFY_API_SECRET, LIGHTSPEED_CLIENT_SECRET): OAuth uses the current, first entry.
    const v = Array.isArray(raw) ? raw[0] : raw
    return typeof v === 'string' && v !== '' ? v : undefined
  }
  const base = read(env.baseUrl)
  const override = base !== undefined && base !== PRODUCTION_DEFAULTS[provider] ? new URL(base).origin : undefined
  return {
    clientId: read(env.clientId),
    clientSecret: read(env.clientSecret),
    apiBaseUrl: override ?? PRODUCTION_DEFAULTS[provider],
    origin: {
      ...(override !== undefined && { override }),
      ...(merchant.shop !== undefined && { shop: merchant.shop }),
      ...(merchant.domainPrefix !== undefined && { domainPrefix: merchant.domainPrefix }),
    },
  }
}

/** The callback URL registered with every provider (api-v1: GET /oauth/{provider}/callback). */
export function callbackUrl(config: Config, provider: ProviderSlug): string {
  return new URL(`/oauth/${provider}/callback`, config.APP_BASE_URL).toString()
}

/** Whether this server can connect the provider at all (its app credentials are configured). */
export function canConnect(config: Config, provider: ProviderSlug): boolean {
  return providerSettings(config, provider).clientId !== undefined
}
