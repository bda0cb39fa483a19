// Delivery of one stored message through its channel's transport. Used inline right after a
// message is stored (fast path for sign-in codes) and by the retry job; safe to run twice.
import { eq } from 'drizzle-orm'
import type { AppDeps } from '../infra/deps'
import { scrubString } from '../infra/redact'
import { notifications } from './notify.schema'
import { smtpTransport } from './transports/smtp'
import type { Transport } from './transports/transport'
import { twilioTransport } from './transports/twilio'

export type Channel = 'email' | 'sms'

/** Codes are secrets: once a real provider has the message, our copy of the body goes. */
const ERASED = '[erased after delivery]'

function transportFor(deps: AppDeps, channel: Channel): Transport {
  const c = deps.config
  return channel === 'email'
    ? smtpTransport(c.SMTP_URL, c.SMTP_FROM)
    : twilioTransport({
        baseUrl: c.TWILIO_API_BASE_URL,
        accountSid: c.TWILIO_ACCOUNT_SID,
        authToken: c.TWILIO_AUTH_TOKEN,
        from: c.TWILIO_FROM,
      })
}

/**
 * Tries once. `final` marks the last attempt the caller will make: a failure then leaves the
 * row `failed` and counts a give-up, otherwise it stays `pending` for the next retry.
 */
export async function deliverNotification(
  deps: AppDeps,
  id: string,
  opts: { final: boolean },
): Promise<'sent' | 'skipped'> {
  const db = deps.dbh.db
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id))
  if (!row || row.status === 'sent' || row.status === 'stored') return 'skipped'
  try {
    await transportFor(deps, row.channel)({ to: row.to, subject: row.subject, body: row.body })
  } catch (e) {
    const lastError = scrubString(e instanceof Error ? e.message : String(e)).slice(0, 200)
    await db
      .update(notifications)
      .set({ attempts: row.attempts + 1, lastError, status: opts.final ? 'failed' : 'pending' })
      .where(eq(notifications.id, id))
    deps.metrics.notificationAttempts.inc({ channel: row.channel, result: 'error' })
    if (opts.final) deps.metrics.notifications.inc({ channel: row.channel, outcome: 'failed' })
    throw e
  }
  await db
    .update(notifications)
    .set({ attempts: row.attempts + 1, status: 'sent', sentAt: deps.clock(), body: ERASED, lastError: null })
    .where(eq(notifications.id, id))
  deps.metrics.notificationAttempts.inc({ channel: row.channel, result: 'ok' })
  deps.metrics.notifications.inc({ channel: row.channel, outcome: 'sent' })
  return 'sent'
}
