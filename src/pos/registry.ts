import type { PosAdapter } from './adapter'
import { cloverAdapter } from './clover'
import { lightspeedAdapter } from './lightspeed'
import { shopifyAdapter } from './shopify'
import { squareAdapter } from './square'
import { toastAdapter } from './toast'

/**
 * Every POS provider, each one descriptor from its folder. Explicit, no discovery: adding a
 * provider is its folder plus one line here; the provider type, the list (database enums,
 * route validators, portal filters), the env names config.ts parses, the webhook content
 * type, display names, OAuth and polling all follow from it.
 */
export const posAdapters = {
  square: squareAdapter,
  clover: cloverAdapter,
  shopify: shopifyAdapter,
  lightspeed: lightspeedAdapter,
  toast: toastAdapter,
} as const satisfies Record<string, PosAdapter>

export type PosProvider = keyof typeof posAdapters

/** In registry order; a non-empty tuple so drizzle and zod enums accept it. */
export const posProviders = Object.keys(posAdapters) as [PosProvider, ...PosProvider[]]

export function isPosProvider(slug: string): slug is PosProvider {
  return Object.hasOwn(posAdapters, slug)
}

/** The adapter for a URL slug such as "square", or null for anything else (→ 404 at the route). */
export function getPosAdapter(slug: string): PosAdapter | null {
  return isPosProvider(slug) ? posAdapters[slug] : null
}

/** How the portals and notifications name a provider ("Square"). */
export const providerName = (p: PosProvider): string => posAdapters[p].meta.displayName

export type ProviderOption = { slug: PosProvider; name: string }

/** Slug and display name of every provider, in registry order (portal filters and pickers). */
export const providerOptions: readonly ProviderOption[] = posProviders.map((slug) => ({
  slug,
  name: providerName(slug),
}))
