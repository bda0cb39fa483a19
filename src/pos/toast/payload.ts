import { z } from 'zod'

// Toast webhook envelope and Orders API v2 Order. Amounts are JSON numbers in major units and
// the order has no currency. Webhooks omit guest names and phone (GET the order for them).
// These types stay in this folder.

const money = z.number().nullish()

export const toastEnvelope = z.looseObject({
  timestamp: z.string().min(1),
  eventType: z.string().min(1),
  eventCategory: z.string().nullish(),
  guid: z.string().min(1),
  details: z.looseObject({ restaurantGuid: z.string().min(1).nullish(), order: z.unknown().optional() }).nullish(),
})

const toastCustomer = z.looseObject({
  guid: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  phoneCountryCode: z.string().nullish(),
})
export type ToastCustomer = z.infer<typeof toastCustomer>

const toastCheck = z.looseObject({
  guid: z.string(),
  voided: z.boolean().nullish(),
  paymentStatus: z.string().nullish(),
  amount: money,
  taxAmount: money,
  totalAmount: money,
  payments: z.array(z.looseObject({ amount: money, tipAmount: money })).nullish(),
  customer: toastCustomer.nullish(),
})

/** Webhook `details.order`, and the body of GET /orders/v2/orders/{guid}. */
export const toastOrder = z.looseObject({
  guid: z.string().min(1),
  voided: z.boolean().nullish(),
  closedDate: z.string().nullish(),
  paidDate: z.string().nullish(),
  checks: z.array(toastCheck),
})
export type ToastOrder = z.infer<typeof toastOrder>
