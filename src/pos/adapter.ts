// The POS port (architecture-guide P4): one narrow, capability-based descriptor that every
// provider folder exports (registry.ts lists them; ADR 0027). Provider folders may import only
// this file, pos-event.ts and src/shared/** (§5 rule 5), so the small toolkit they all need is
// re-exported from here.
import type { Result } from '../shared/result'
import type { ProviderOAuth } from './connection/oauth-provider'
import type { Poller } from './kit/list-page'
import type { FetchContext, FetchDetailsError } from './kit/provider-fetch'
import type { PosEvent, PosProvider, SaleCompleted } from './pos-event'

export type { ProviderOAuth } from './connection/oauth-provider'
export type { Poller } from './kit/list-page'
export { sumToMinor, decimalToMinor } from './kit/decimal'
export { type FetchContext, type FetchDetailsError, type FetchLike, getProviderJson } from './kit/provider-fetch'
export { bodyBytes, bodyText, parseJson } from './kit/raw-body'
export { toUtcIso } from './kit/timestamps'
export { constantTimeEqual, hmacSha256, sha256Hex, usableSecrets } from './kit/webhook-crypto'

/** A webhook exactly as it arrived: the raw bytes (never re-serialised JSON) and the headers. */
export type RawWebhook = {
  rawBody: Uint8Array | string
  headers: Headers
}

export type VerifyInput = RawWebhook & {
  /**
   * The notification URL exactly as registered with the provider (e.g. SQUARE_WEBHOOK_URL),
   * not one rebuilt from the request behind a proxy: Square signs URL + body.
   */
  url: string
  /** The current secret first; during a rotation also the previous one. Empty strings are ignored. */
  secrets: readonly string[]
  /**
   * The receiving clock, for providers that sign a timestamp (Toast), so verify stays pure.
   * Those providers refuse every delivery when it is absent.
   */
  now?: Date
}

/**
 * What the route needs before durable storage: who the event is for and its dedupe key.
 * A delivery yields one envelope, except Clover, which batches several merchants and
 * objects into one POST and so yields one envelope per (merchant, object, type, ts).
 */
export type WebhookEnvelope = {
  externalMerchantId: string
  /** Inbox dedupe key; every PosEvent parsed from this envelope carries the same value. */
  providerEventId: string
  /** The provider's event/topic name, e.g. "payment.updated", "orders/paid", "sale.update". */
  eventType: string
}

export type ParseOptions = {
  /**
   * Currency to use when the payload has none (Toast orders never carry one; Lightspeed
   * sales without payments). Pass the tenant's currency; defaults to USD.
   */
  fallbackCurrency?: string
}

/**
 * The environment variables a provider reads (api-v1.md § Environment). config.ts parses
 * exactly these names into `config.pos[provider]`; nothing else reads them.
 */
export type PosEnv = {
  /** Webhook secret(s), comma-separated for rotation: any entry verifies, the first is current. */
  webhookSecret: string
  /** The notification URL as registered, for providers that sign the URL (Square). */
  webhookUrl?: string
  /** `<PROVIDER>_API_BASE_URL`: replaces every provider origin (sandbox, fakes). */
  apiBaseUrl: string
}

export type PosMeta = {
  slug: PosProvider
  /** How the portals name it ("Square"). */
  displayName: string
  /** 'hmac-body': the body bytes are signed; 'static-token': a fixed shared code only (Clover), so the body is just a trigger. */
  webhookAuth: 'hmac-body' | 'static-token'
  /** The header carrying the signature or token. */
  signatureHeader: string
  /** The one media type its webhooks are posted with; anything else is refused before verification (415). */
  contentType: 'application/json' | 'application/x-www-form-urlencoded'
  env: PosEnv
  /**
   * Default of `env.apiBaseUrl`, the production REST origin; the default counts as "no
   * override". Absent where the origin is per merchant (Shopify's shop domain).
   */
  productionApiBaseUrl?: string
  /** The webhook secret development uses when none is set, which `bun run demo:traffic` signs with. */
  developmentWebhookSecret: string
  /** Production API origin; `{shop}` / `{domain_prefix}` are per-merchant placeholders. Overridden by `<PROVIDER>_API_BASE_URL`. */
  apiBaseUrl: string
  /** Event types we subscribe to; everything else parses to `ignored`. */
  subscribedEvents: readonly string[]
  docs: readonly string[]
}

export type PosAdapter = {
  meta: PosMeta
  /** Authenticates a delivery from its raw bytes with a constant-time compare. Pure; never throws. */
  verify(input: VerifyInput): boolean
  /** Envelope(s) for routing and dedupe, or null when the body is not a readable delivery. Never throws. */
  extractEnvelopes(webhook: RawWebhook): WebhookEnvelope[] | null
  /**
   * Normalises a verified delivery. Pure and deterministic: the same input always gives the
   * same events. Never throws; unreadable or unsupported input becomes `ignored`.
   */
  parse(webhook: RawWebhook, options?: ParseOptions): PosEvent[]
  /**
   * Completes a sale whose `needsDetails` is set by calling the provider's REST API.
   * Returns the completed events (a fetched Clover order can also yield refunds), or the
   * sale unchanged when it needs nothing. Absent for providers whose webhooks are complete.
   */
  fetchDetails?(
    event: SaleCompleted,
    ctx: FetchContext,
    options?: ParseOptions,
  ): Promise<Result<PosEvent[], FetchDetailsError>>
  /** How merchants connect and tokens renew; absent = merchants are linked by an admin only. */
  oauth?: ProviderOAuth
  /** Listing sales for the polling fallback and the nightly reconciliation; absent = webhooks only. */
  polling?: Poller
}
