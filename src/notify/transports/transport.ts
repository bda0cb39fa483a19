// A transport delivers one stored message or throws. Errors must not carry the recipient or
// the body: they are stored in notifications.last_error and logged.
export type OutgoingMessage = { to: string; subject: string | null; body: string }
export type Transport = (msg: OutgoingMessage) => Promise<void>

export class DeliveryError extends Error {
  override name = 'DeliveryError'
}
