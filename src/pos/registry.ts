import type { PosAdapter } from './adapter'
import { cloverAdapter } from './clover'
import type { PosProvider } from './pos-event'
import { lightspeedAdapter } from './lightspeed'
import { shopifyAdapter } from './shopify'
import { squareAdapter } from './square'
import { toastAdapter } from './toast'

/** Explicit map, no discovery: adding a provider is one line here plus its folder. */
export const posAdapters: Readonly<Record<PosProvider, PosAdapter>> = {
  square: squareAdapter,
  clover: cloverAdapter,
  shopify: shopifyAdapter,
  lightspeed: lightspeedAdapter,
  toast: toastAdapter,
}

export function isPosProvider(slug: string): slug is PosProvider {
  return Object.hasOwn(posAdapters, slug)
}

/** The adapter for a URL slug such as "square", or null for anything else (→ 404 at the route). */
export function getPosAdapter(slug: string): PosAdapter | null {
  return isPosProvider(slug) ? posAdapters[slug] : null
}
