// Front door of consumer notifications (ADR 0024): consent per shop and channel (append-only,
// with its wording), the notices themselves (once per key: points earned, a code about to
// expire, points expiring within the week), unsubscribe links and SMS STOP.
export {
  CONSENT_WORDING,
  type ConsentSource,
  type Consents,
  consentsOf,
  isStopMessage,
  type NoticeChannel,
  setConsent,
} from './consent'
export { stopTextsTo } from './sms-stop'
export { notificationConsents } from './notices.schema'
export { notifyCodeExpiring, scheduleCodeExpiring } from './code-expiring'
export { notifyPointsEarned } from './points-earned'
export { notifyPointsExpiring } from './points-expiring'
export { readUnsubscribe } from './unsubscribe-token'
