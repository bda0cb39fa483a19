import { z } from 'zod'

// Clover shapes (docs.clover.com "Use webhooks" and the v3 REST reference). Money is integer
// cents; times are Unix milliseconds. These types stay in this folder.

/** `objectId` is "<key>:<id>", e.g. "O:GHIVJT2ABCRSC"; `type` is CREATE, UPDATE or DELETE. */
export const cloverNotice = z.looseObject({
  objectId: z.string().regex(/^[A-Z]+:.+$/),
  type: z.string().min(1),
  ts: z.number().int(),
})
export type CloverNotice = z.infer<typeof cloverNotice>

export const cloverWebhook = z.looseObject({
  appId: z.string().optional(),
  merchants: z.record(z.string().min(1), z.array(cloverNotice)),
})

/** Sent once while subscribing, to be pasted back into the dashboard. */
export const cloverVerification = z.looseObject({ verificationCode: z.string() })

const elements = <T extends z.ZodType>(item: T) => z.looseObject({ elements: z.array(item) })

const cloverPayment = z.looseObject({
  id: z.string(),
  amount: z.number().int(),
  tipAmount: z.number().int().optional(),
  taxAmount: z.number().int().optional(),
  result: z.string().optional(),
  createdTime: z.number().int().optional(),
})

const cloverRefund = z.looseObject({
  id: z.string(),
  amount: z.number().int(),
  createdTime: z.number().int().optional(),
})

/** GET /v3/merchants/{mId}/orders/{id}?expand=customers,payments,refunds */
export const cloverOrder = z.looseObject({
  id: z.string(),
  currency: z.string().length(3),
  total: z.number().int(),
  state: z.string().optional(),
  paymentState: z.string().optional(),
  createdTime: z.number().int().optional(),
  customers: elements(z.looseObject({ id: z.string() })).optional(),
  payments: elements(cloverPayment).optional(),
  refunds: elements(cloverRefund).optional(),
})
export type CloverOrder = z.infer<typeof cloverOrder>

/** GET /v3/merchants/{mId}/customers/{cId}?expand=emailAddresses,phoneNumbers */
export const cloverCustomer = z.looseObject({
  id: z.string(),
  emailAddresses: elements(z.looseObject({ emailAddress: z.string().optional() })).optional(),
  phoneNumbers: elements(z.looseObject({ phoneNumber: z.string().optional() })).optional(),
})
