import type { ProviderSlug } from './oauth-common'

const NAMES: Record<ProviderSlug, string> = { square: 'Square', clover: 'Clover', shopify: 'Shopify', lightspeed: 'Lightspeed', toast: 'Toast' }

export const providerName = (p: ProviderSlug): string => NAMES[p]
