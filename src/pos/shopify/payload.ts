import { z } from 'zod'

// REST Order / Refund / Customer resources as delivered in webhooks. Money values are decimal
// strings in the shop currency. Contact fields are null without protected-data approval.
// These types stay in this folder.

/** Keys whose integer values exceed 2^53 (Shopify ids) and must be read as source text. */
export const EXACT_ID_KEYS = ['id', 'order_id'] as const

const decimal = z.union([z.string(), z.number()])
const id = z.union([z.string(), z.number()]).transform(String)

export const shopifyCustomer = z.looseObject({
  id,
  email: z.string().nullish(),
  phone: z.string().nullish(),
})

export const shopifyOrder = z.looseObject({
  id,
  created_at: z.string(),
  processed_at: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  currency: z.string().length(3),
  financial_status: z.string().nullish(),
  total_price: decimal,
  subtotal_price: decimal.nullish(),
  total_discounts: decimal.nullish(),
  total_tax: decimal.nullish(),
  total_tip_received: decimal.nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  customer: shopifyCustomer.nullish(),
})
export type ShopifyOrder = z.infer<typeof shopifyOrder>

export const shopifyRefund = z.looseObject({
  id,
  order_id: id,
  created_at: z.string(),
  processed_at: z.string().nullish(),
  transactions: z.array(
    z.looseObject({
      amount: decimal,
      currency: z.string().length(3).nullish(),
      kind: z.string(),
      status: z.string(),
    }),
  ),
})
export type ShopifyRefund = z.infer<typeof shopifyRefund>
