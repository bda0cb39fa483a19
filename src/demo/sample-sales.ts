// Provider-shaped sale payloads for the demo history: a Square payment (email on the payment)
// and a Shopify POS order (email and phone), as those providers send them.
export type DemoCustomer = { email?: string; phone?: string }
export type SampleDelivery = { provider: 'square' | 'shopify'; rawBody: string; headers: Record<string, string> }

export function squarePayment(
  merchantId: string,
  id: string,
  amountMinor: number,
  at: Date,
  c: DemoCustomer,
): SampleDelivery {
  const payment = {
    id,
    created_at: at.toISOString(),
    updated_at: at.toISOString(),
    amount_money: { amount: amountMinor, currency: 'USD' },
    total_money: { amount: amountMinor, currency: 'USD' },
    status: 'COMPLETED',
    source_type: 'CARD',
    ...(c.email ? { buyer_email_address: c.email } : {}),
  }
  const rawBody = JSON.stringify({
    merchant_id: merchantId,
    type: 'payment.updated',
    event_id: `evt-${id}`,
    created_at: at.toISOString(),
    data: { type: 'payment', id, object: { payment } },
  })
  return { provider: 'square', rawBody, headers: { 'content-type': 'application/json' } }
}

export function shopifyOrder(shop: string, id: number, amountMinor: number, at: Date, c: DemoCustomer): SampleDelivery {
  const price = (amountMinor / 100).toFixed(2)
  const rawBody = JSON.stringify({
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${1000 + (id % 9000)}`,
    created_at: at.toISOString(),
    processed_at: at.toISOString(),
    currency: 'USD',
    subtotal_price: price,
    total_price: price,
    total_tax: '0.00',
    financial_status: 'paid',
    source_name: 'pos',
    email: c.email ?? null,
    phone: c.phone ?? null,
    customer: { id: 7_000_000 + (id % 1000), email: c.email ?? null, phone: c.phone ?? null },
  })
  const headers = {
    'content-type': 'application/json',
    'x-shopify-topic': 'orders/paid',
    'x-shopify-shop-domain': shop,
    'x-shopify-webhook-id': `demo-${id}`,
  }
  return { provider: 'shopify', rawBody, headers }
}
