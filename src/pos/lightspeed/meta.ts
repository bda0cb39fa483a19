import type { PosMeta } from '../adapter'

export const lightspeedMeta: PosMeta = {
  slug: 'lightspeed',
  displayName: 'Lightspeed Retail (X-Series)',
  webhookAuth: 'hmac-body',
  signatureHeader: 'x-signature',
  webhookSecretEnv: 'LIGHTSPEED_CLIENT_SECRET',
  // Per retailer; the OAuth callback returns the domain_prefix.
  apiBaseUrl: 'https://{domain_prefix}.retail.lightspeed.app',
  subscribedEvents: ['sale.update', 'customer.update'],
  docs: ['https://x-series-api.lightspeedhq.com/docs/webhooks', 'https://x-series-api.lightspeedhq.com/docs/authorization'],
}
