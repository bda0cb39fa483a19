// Why a POS transaction is in its state, as a closed set of codes. Rows store the code; the
// portal and the API show the sentence. Sentences never contain payload values (PII).
export const transactionReasons = {
  no_identity: 'The sale carried no phone number or email, so nobody could be credited. Attach one to award it.',
  waiting_for_contact:
    'The POS named a customer without contact details yet; it is awarded when the POS sends them, or when you attach a phone or email.',
  identity_conflict: 'The phone number and the email belong to different members. Attach the right one to award it.',
  no_points: 'The sale earned no points under the rules in force.',
  refunded: 'Refunded: the points it earned were taken back.',
  refund_shortfall: 'Refunded after the member had spent some of its points: only what was left was taken back.',
  processing_failed: 'Processing failed after several attempts. SalesArck support can replay it.',
} as const

export type TransactionReason = keyof typeof transactionReasons

export const reasonText = (code: string | null): string | null =>
  code && code in transactionReasons ? transactionReasons[code as TransactionReason] : null
