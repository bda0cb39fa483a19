import type { PosMeta } from '../adapter'

export const lightspeedMeta: PosMeta = {
  slug: 'lightspeed',
  displayName: 'Lightspeed',
  webhookAuth: 'hmac-body',
  signatureHeader: 'x-signature',
  // X-Series posts a form whose `payload` field is the JSON.
  contentType: 'application/x-www-form-urlencoded',
  env: { webhookSecret: 'LIGHTSPEED_CLIENT_SECRET', apiBaseUrl: 'LIGHTSPEED_API_BASE_URL' },
  productionApiBaseUrl: 'https://secure.retail.lightspeed.app',
  developmentWebhookSecret: 'lightspeed-client-secret',
  // Per retailer; the OAuth callback returns the domain_prefix.
  apiBaseUrl: 'https://{domain_prefix}.retail.lightspeed.app',
  subscribedEvents: ['sale.update', 'customer.update'],
  docs: [
    'https://x-series-api.lightspeedhq.com/docs/webhooks',
    'https://x-series-api.lightspeedhq.com/docs/authorization',
  ],
}
