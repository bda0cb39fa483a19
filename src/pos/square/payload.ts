import { z } from 'zod'

// Square payload shapes (square-nodejs-sdk src/api/types). Loose objects: Square adds fields
// over API versions, and only the ones below matter. These types stay in this folder.

const money = z.object({ amount: z.number().int(), currency: z.string().length(3) })

export const squareEnvelope = z.looseObject({
  merchant_id: z.string().min(1),
  type: z.string().min(1),
  event_id: z.string().min(1),
  created_at: z.string().optional(),
  data: z
    .looseObject({ type: z.string().optional(), id: z.string().optional(), object: z.unknown().optional() })
    .optional(),
})

export const squarePayment = z.looseObject({
  id: z.string().min(1),
  created_at: z.string(),
  status: z.string(),
  amount_money: money.optional(),
  tip_money: money.optional(),
  total_money: money,
  order_id: z.string().optional(),
  customer_id: z.string().optional(),
  buyer_email_address: z.string().optional(),
})
export type SquarePayment = z.infer<typeof squarePayment>

export const squareRefund = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  amount_money: money,
  payment_id: z.string().min(1),
  created_at: z.string(),
  updated_at: z.string().optional(),
})

export const squareCustomer = z.looseObject({
  id: z.string().min(1),
  email_address: z.string().optional(),
  phone_number: z.string().optional(),
})

const recipient = z.looseObject({ email_address: z.string().optional(), phone_number: z.string().optional() })
const fulfillmentDetails = z.looseObject({ recipient: recipient.optional() }).optional()

export const squareOrder = z.looseObject({
  id: z.string().min(1),
  customer_id: z.string().optional(),
  tenders: z.array(z.looseObject({ customer_id: z.string().optional() })).optional(),
  fulfillments: z
    .array(
      z.looseObject({
        pickup_details: fulfillmentDetails,
        shipment_details: fulfillmentDetails,
        delivery_details: fulfillmentDetails,
      }),
    )
    .optional(),
})
export type SquareOrder = z.infer<typeof squareOrder>

/** Webhook `data.object` wrappers, and the REST "retrieve" responses. */
export const paymentObject = z.looseObject({ payment: squarePayment })
export const refundObject = z.looseObject({ refund: squareRefund })
export const customerObject = z.looseObject({ customer: squareCustomer })
export const orderObject = z.looseObject({ order: squareOrder })
