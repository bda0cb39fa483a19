import { z } from 'zod'

// X-Series webhooks POST application/x-www-form-urlencoded; the `payload` field is a JSON
// string in the API 1.0 object shape. Amounts are decimal strings, tax-exclusive in
// total_price. The embedded `customer` fields are unconfirmed in Lightspeed's docs.
// These types stay in this folder.

const decimal = z.union([z.string(), z.number()])

export const lightspeedCustomer = z.looseObject({
  id: z.string().min(1),
  /** The shared default customer has customer_code WALKIN and must never be linked to a person. */
  customer_code: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  mobile: z.string().nullish(),
})
export type LightspeedCustomer = z.infer<typeof lightspeedCustomer>

export const lightspeedSale = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  sale_date: z.string(),
  customer_id: z.string().nullish(),
  customer: lightspeedCustomer.nullish(),
  total_price: decimal,
  total_tax: decimal,
  /** Set on a return: the id of the sale being returned (API 1.0 shape; unconfirmed in webhooks). */
  return_for: z.string().nullish(),
  register_sale_payments: z
    .array(z.looseObject({ amount: decimal, currency: z.string().length(3).nullish() }))
    .nullish(),
})
export type LightspeedSale = z.infer<typeof lightspeedSale>

/** Fields used to route and dedupe; version is the sale's change counter. */
export const lightspeedObjectIds = z.looseObject({
  id: z.string().min(1),
  retailer_id: z.string().nullish(),
  version: z.union([z.string(), z.number()]).nullish(),
  updated_at: z.string().nullish(),
})

/** GET /api/2.0/customers/{id} */
export const customerResponse = z.looseObject({ data: lightspeedCustomer })
