import type { PosMeta } from '../adapter'

export const toastMeta: PosMeta = {
  slug: 'toast',
  displayName: 'Toast',
  webhookAuth: 'hmac-body',
  signatureHeader: 'toast-signature',
  contentType: 'application/json',
  env: { webhookSecret: 'TOAST_WEBHOOK_SECRET', apiBaseUrl: 'TOAST_API_BASE_URL' },
  productionApiBaseUrl: 'https://ws-api.toasttab.com',
  developmentWebhookSecret: 'toast-webhook-secret',
  // Toast hands out hostnames during onboarding; this commonly seen one is unconfirmed.
  apiBaseUrl: 'https://ws-api.toasttab.com',
  subscribedEvents: ['order_updated', 'channel_order_updated'],
  docs: [
    'https://doc.toasttab.com/doc/devguide/apiMessageSigning.html',
    'https://doc.toasttab.com/doc/devguide/devOrdersWebhookRef.html',
  ],
}
