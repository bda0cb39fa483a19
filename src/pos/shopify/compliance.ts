// Shopify's mandatory compliance webhooks (shopify.dev/docs/apps/build/compliance/privacy-law-compliance),
// signed like every other topic. Each names its shop in the signed body (`shop_domain`):
//   customers/data_request  {shop_id, shop_domain, customer: {id, email, phone}, orders_requested: [ids], data_request: {id}}
//   customers/redact        {shop_id, shop_domain, customer: {id, email, phone}, orders_to_redact: [ids]}
//   shop/redact             {shop_id, shop_domain}  (48 hours after the app was uninstalled)
import { z } from 'zod'
import { bodyText, type RawWebhook } from '../adapter'
import type { EventSource, PosEvent, PrivacyRequest } from '../pos-event'

export const COMPLIANCE_TOPICS: Readonly<Record<string, PrivacyRequest['request']>> = {
  'customers/data_request': 'customer_data_request',
  'customers/redact': 'customer_redact',
  'shop/redact': 'shop_redact',
}

const id = z.union([z.string(), z.number()]).transform(String)
const payload = z.looseObject({
  customer: z.looseObject({ id: id.nullish(), email: z.string().nullish(), phone: z.string().nullish() }).nullish(),
  data_request: z.looseObject({ id: id.nullish() }).nullish(),
})

/**
 * Order ids exceed 2^53 and sit in plain arrays, which a JSON reviver cannot tell apart from
 * other numbers, so they are read from the signed source text.
 */
function orderIds(raw: RawWebhook['rawBody']): string[] {
  const text = bodyText(raw) ?? ''
  const list = /"orders_(?:to_redact|requested)"\s*:\s*\[([^\]]*)\]/.exec(text)?.[1] ?? ''
  return list
    .split(',')
    .map((x) => x.trim().replace(/^"|"$/g, ''))
    .filter((x) => /^\d+$/.test(x))
}

export function parseComplianceWebhook(
  webhook: RawWebhook,
  topic: string,
  body: unknown,
  source: EventSource,
): PosEvent[] {
  const request = COMPLIANCE_TOPICS[topic]
  if (!request) return []
  const parsed = payload.safeParse(body)
  const c = parsed.success ? parsed.data.customer : null
  const customer = c
    ? {
        ...(c.id && { providerCustomerId: c.id }),
        ...(c.email && { email: c.email }),
        ...(c.phone && { phone: c.phone }),
      }
    : null
  const event: PrivacyRequest = {
    ...source,
    type: 'privacy_request',
    request,
    customer: request === 'shop_redact' ? null : customer,
    orderIds: request === 'shop_redact' ? [] : orderIds(webhook.rawBody),
    ...(parsed.success && parsed.data.data_request?.id && { requestId: parsed.data.data_request.id }),
  }
  // shop/redact is only sent after an uninstall: it also revokes, which Shopify must confirm
  // (src/pos/connection/confirm-revocation.ts), so a replay cannot erase a live shop.
  if (request === 'shop_redact')
    return [{ ...source, type: 'access_revoked', reason: 'Shopify asked for the shop’s data to be erased' }, event]
  return [event]
}
