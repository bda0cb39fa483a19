// How a provider's merchants connect and its tokens renew: the `oauth` capability of its
// descriptor (src/pos/<provider>/index.ts). The registry reads no env itself: the shell takes
// credentials from `config.pos[provider]` (provider-settings.ts) and passes them in.
import { type PosProvider, posAdapters } from '../registry'
import type { ProviderOAuth } from './oauth-provider'

/** The provider's OAuth, or null when it has none (merchants are then linked by an admin only). */
export function oauthProvider(slug: PosProvider): ProviderOAuth | null {
  return posAdapters[slug].oauth ?? null
}
