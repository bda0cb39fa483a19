// The one notifier. Every outgoing message is stored first; the configured transport then
// delivers it. A failed first attempt is handed to the retry job (BullMQ, exponential backoff)
// rather than failing the caller: a sign-in must not 500 because a mail server blinked.
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'
import { newId } from '../shared/ids'
import { type Channel, deliverNotification } from './deliver'
import { notifications } from './notify.schema'

export type Message = { channel: Channel; to: string; subject?: string; body: string }

export const DELIVER_JOB = 'deliver-notification'
export const DELIVERY_ATTEMPTS = 6

export async function sendMessage(deps: AppDeps, msg: Message): Promise<void> {
  const transport = msg.channel === 'email' ? deps.config.NOTIFY_EMAIL_TRANSPORT : deps.config.NOTIFY_SMS_TRANSPORT
  const id = newId('msg')
  const toOutbox = transport === 'outbox'
  await deps.dbh.db.insert(notifications).values({
    id,
    channel: msg.channel,
    to: msg.to,
    subject: msg.subject ?? null,
    body: msg.body,
    status: toOutbox ? 'stored' : 'pending',
    createdAt: deps.clock(),
  })
  if (toOutbox) {
    deps.metrics.notifications.inc({ channel: msg.channel, outcome: 'stored' })
    return
  }
  try {
    await deliverNotification(deps, id, { final: false })
  } catch {
    deps.metrics.notifications.inc({ channel: msg.channel, outcome: 'retry_scheduled' })
    await deps.queues
      .enqueue(
        'notifications',
        DELIVER_JOB,
        { id },
        { jobId: `deliver-${id}`, attempts: DELIVERY_ATTEMPTS, backoff: { type: 'exponential', delay: 1_000 } },
      )
      .catch((e) =>
        log.error({ err: e, notificationId: id }, 'could not schedule a notification retry; the row stays pending'),
      )
  }
}
