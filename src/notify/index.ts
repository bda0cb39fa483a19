// Front door of the notify module: every outgoing message (OTP codes, alerts) goes through here.
export { listOutbox, type OutboxEntry } from './outbox.repo'
export { notifications } from './notify.schema'
