// Local stand-ins for the five POS providers (Bun.serve on port 0). Each fake signs and sends
// webhooks exactly as its provider does, serves the REST endpoints the adapters' fetchDetails
// call (Bearer token required, 401 otherwise), and serves the provider's OAuth/token
// endpoints backed by an OAuthStore. Start one per test file; always `await fake.stop()`.
export { type CloverFake, type CloverNotice, cloverNoticeBody, startCloverFake } from './clover'
export {
  type LightspeedFake,
  lightspeedFormBody,
  signLightspeedWebhook,
  startLightspeedFake,
} from './lightspeed'
export type { Grant, GrantResult, OAuthStoreOptions } from './shared/oauth-store'
export type { FakeServer, RecordedRequest } from './shared/server'
export { type ShopifyFake, shopifyWebhookHeaders, signShopifyQuery, startShopifyFake } from './shopify'
export { type SquareFake, signSquareWebhook, squareWebhookHeaders, startSquareFake } from './square'
export { type ToastFake, startToastFake, toastWebhookHeaders } from './toast'
