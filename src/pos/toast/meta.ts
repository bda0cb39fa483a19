import type { PosMeta } from '../adapter'

export const toastMeta: PosMeta = {
  slug: 'toast',
  displayName: 'Toast',
  webhookAuth: 'hmac-body',
  signatureHeader: 'toast-signature',
  webhookSecretEnv: 'TOAST_WEBHOOK_SECRET',
  // Toast hands out hostnames during onboarding; this commonly seen one is unconfirmed.
  apiBaseUrl: 'https://ws-api.toasttab.com',
  subscribedEvents: ['order_updated', 'channel_order_updated'],
  docs: ['https://doc.toasttab.com/doc/devguide/apiMessageSigning.html', 'https://doc.toasttab.com/doc/devguide/devOrdersWebhookRef.html'],
}
