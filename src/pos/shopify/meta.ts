import type { PosMeta } from '../adapter'

export const shopifyMeta: PosMeta = {
  slug: 'shopify',
  displayName: 'Shopify',
  webhookAuth: 'hmac-body',
  signatureHeader: 'x-shopify-hmac-sha256',
  contentType: 'application/json',
  env: { webhookSecret: 'SHOPIFY_API_SECRET', apiBaseUrl: 'SHOPIFY_API_BASE_URL' },
  // No productionApiBaseUrl: each shop is its own origin (provider-api-base.ts).
  developmentWebhookSecret: 'shopify-api-secret',
  apiBaseUrl: 'https://{shop}.myshopify.com',
  // orders/paid is the documented best trigger for awarding; POS sales are ordinary orders.
  // The three compliance topics are mandatory for every app (set in the app configuration).
  subscribedEvents: [
    'orders/paid',
    'refunds/create',
    'customers/create',
    'customers/update',
    'app/uninstalled',
    'customers/data_request',
    'customers/redact',
    'shop/redact',
  ],
  docs: [
    'https://shopify.dev/docs/apps/build/webhooks/subscribe/https',
    'https://shopify.dev/docs/apps/launch/protected-customer-data',
  ],
}
