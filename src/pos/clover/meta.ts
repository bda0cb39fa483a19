import type { PosMeta } from '../adapter'

export const cloverMeta: PosMeta = {
  slug: 'clover',
  displayName: 'Clover',
  // App webhooks carry only a static per-app code; there is no HMAC over the body.
  webhookAuth: 'static-token',
  signatureHeader: 'x-clover-auth',
  contentType: 'application/json',
  env: { webhookSecret: 'CLOVER_WEBHOOK_AUTH_CODE', apiBaseUrl: 'CLOVER_API_BASE_URL' },
  productionApiBaseUrl: 'https://api.clover.com',
  developmentWebhookSecret: 'clover-auth-code',
  apiBaseUrl: 'https://api.clover.com',
  // Event type keys ticked in the Developer Dashboard: O = orders (the sale trigger).
  subscribedEvents: ['O'],
  docs: ['https://docs.clover.com/dev/docs/webhooks', 'https://docs.clover.com/docs/paginating-elements'],
}
