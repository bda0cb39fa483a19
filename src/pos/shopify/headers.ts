// Classic deliveries use X-Shopify-* headers; the newer "events" deliveries use the same
// names un-prefixed and lowercase (shopify-app-js ShopifyHeader / ShopifyEventsHeader).
export function shopifyHeader(headers: Headers, name: string): string | null {
  return headers.get(`x-shopify-${name}`) ?? headers.get(`shopify-${name}`)
}
