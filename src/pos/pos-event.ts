// The closed set of facts the loyalty core accepts from any POS (architecture-guide P4).
// Provider payload shapes never appear here: each adapter normalises into these types,
// and anything it does not understand becomes `ignored` with a reason.

import type { PosProvider } from './registry'

export type { PosProvider }

/** Where an event came from; `providerEventId` is the inbox dedupe key of its envelope. */
export type EventSource = {
  provider: PosProvider
  /** Square merchant_id, Clover merchant id, Shopify shop domain, Lightspeed retailer id, Toast restaurant GUID (api-v1.md). */
  externalMerchantId: string
  providerEventId: string
}

/**
 * Integer minor units of `currency` (money.ts). `total` is what the customer was charged
 * for the sale including tax and tip; `tip` is reported separately so rules can exclude it.
 */
export type SaleAmounts = {
  subtotal?: number
  discount?: number
  tax?: number
  tip?: number
  total: number
}

/** Contact signals as the provider reported them (trimmed, never validated here). */
export type IdentitySignals = {
  phone?: string
  email?: string
  /** The provider's own customer id; lets a later sale carrying only this id be matched. */
  providerCustomerId?: string
}

/**
 * Set when the webhook alone cannot complete the event: Clover only sends notices with ids,
 * and Square/Toast/Lightspeed keep phone numbers on a record that must be fetched.
 * The processing job passes the event to `adapter.fetchDetails`.
 */
export type DetailsRequest = {
  reason: 'notice_only' | 'identity_missing'
  resource: 'order' | 'customer'
  resourceId: string
}

type KnownSale = { amounts: SaleAmounts; currency: string; needsDetails?: DetailsRequest }
/** A notice (Clover) carries no money at all until its details are fetched. */
type SaleNotice = { amounts: null; currency: null; needsDetails: DetailsRequest }

export type SaleCompleted = EventSource & {
  type: 'sale_completed'
  /** Points are awarded idempotently on this id, never on the event id (pos-providers.md). */
  providerTransactionId: string
  /** RFC 3339 UTC. */
  occurredAt: string
  identity: IdentitySignals
} & (KnownSale | SaleNotice)

export type Refund = EventSource & {
  type: 'refund'
  /** The `providerTransactionId` of the sale being reversed. */
  originalTransactionId: string
  /** Stable per refund, so a redelivered refund claws back once. */
  refundId: string
  /** Positive integer minor units. */
  amount: number
  currency: string
  occurredAt: string
}

/** A provider customer record now carries these contact details. */
export type CustomerLinked = EventSource & {
  type: 'customer_linked'
  providerCustomerId: string
  identity: Omit<IdentitySignals, 'providerCustomerId'>
}

/** Explicit "not supported" (Medusa's NOT_SUPPORTED): never silently dropped. Ids are null when the body was unreadable. */
export type Ignored = {
  type: 'ignored'
  provider: PosProvider
  externalMerchantId: string | null
  providerEventId: string | null
  eventType: string | null
  /** Human-readable; never contains payload values (they may be PII). */
  reason: string
}

/**
 * The merchant (or the provider) withdrew our access: Square `oauth.authorization.revoked`,
 * Shopify `app/uninstalled`. The connection is marked revoked and its owner told once.
 */
export type AccessRevoked = EventSource & {
  type: 'access_revoked'
  reason: string
}

/**
 * A data-protection request from the provider (Shopify's mandatory compliance topics):
 * export a customer's data, erase a customer's identity, or erase a shop's POS data.
 * Balances never change; only identities, links and stored bodies are erased.
 */
export type PrivacyRequest = EventSource & {
  type: 'privacy_request'
  request: 'customer_data_request' | 'customer_redact' | 'shop_redact'
  /** Who the request is about (customer topics); contact values are used to match, never stored. */
  customer: { providerCustomerId?: string; email?: string; phone?: string } | null
  /** The provider's order ids the request names (orders_to_redact / orders_requested). */
  orderIds: string[]
  /** The provider's id for a data request, to quote back when answering it. */
  requestId?: string
}

export type PosEvent = SaleCompleted | Refund | CustomerLinked | AccessRevoked | PrivacyRequest | Ignored

export function ignoredEvent(
  provider: PosProvider,
  reason: string,
  ids: { externalMerchantId?: string | null; providerEventId?: string | null; eventType?: string | null } = {},
): Ignored {
  return {
    type: 'ignored',
    provider,
    externalMerchantId: ids.externalMerchantId ?? null,
    providerEventId: ids.providerEventId ?? null,
    eventType: ids.eventType ?? null,
    reason,
  }
}

/** Keeps only non-blank signals, trimmed, so "" never reaches identity matching. */
export function identitySignals(raw: {
  phone?: string | null | undefined
  email?: string | null | undefined
  providerCustomerId?: string | null | undefined
}): IdentitySignals {
  const out: IdentitySignals = {}
  const phone = raw.phone?.trim()
  const email = raw.email?.trim()
  const customerId = raw.providerCustomerId?.trim()
  if (phone) out.phone = phone
  if (email) out.email = email
  if (customerId) out.providerCustomerId = customerId
  return out
}

/**
 * The sale with its details resolved. `needsDetails` is dropped so a completed event is
 * never fetched twice.
 */
export function resolvedSale(
  sale: SaleCompleted,
  facts: { amounts: SaleAmounts; currency: string; identity: IdentitySignals; occurredAt?: string },
): SaleCompleted {
  return {
    type: 'sale_completed',
    provider: sale.provider,
    externalMerchantId: sale.externalMerchantId,
    providerEventId: sale.providerEventId,
    providerTransactionId: sale.providerTransactionId,
    occurredAt: facts.occurredAt ?? sale.occurredAt,
    identity: facts.identity,
    amounts: facts.amounts,
    currency: facts.currency,
  }
}
