import type { PosMeta } from '../adapter'

export const squareMeta: PosMeta = {
  slug: 'square',
  displayName: 'Square',
  webhookAuth: 'hmac-body',
  signatureHeader: 'x-square-hmacsha256-signature',
  contentType: 'application/json',
  env: {
    webhookSecret: 'SQUARE_WEBHOOK_SIGNATURE_KEY',
    webhookUrl: 'SQUARE_WEBHOOK_URL',
    apiBaseUrl: 'SQUARE_API_BASE_URL',
  },
  productionApiBaseUrl: 'https://connect.squareup.com',
  developmentWebhookSecret: 'square-signature-key',
  apiBaseUrl: 'https://connect.squareup.com',
  // payment.* is the sale trigger: POS-app orders historically emitted no order.* webhooks.
  subscribedEvents: [
    'oauth.authorization.revoked',
    'payment.created',
    'payment.updated',
    'refund.created',
    'refund.updated',
    'customer.created',
    'customer.updated',
  ],
  docs: [
    'https://developer.squareup.com/docs/webhooks/step3validate',
    'https://developer.squareup.com/reference/square/webhooks/payment.updated',
  ],
}
