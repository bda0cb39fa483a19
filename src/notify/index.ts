// Front door of the notify module: every outgoing message (OTP codes, alerts) goes through here.
export { deliverNotification, type Channel } from './deliver'
export { listOutbox, type OutboxEntry } from './outbox.repo'
export { notifications } from './notify.schema'
export { sendMessage, type Message } from './send-message'
export { requeuePendingNotifications } from './requeue-pending'
