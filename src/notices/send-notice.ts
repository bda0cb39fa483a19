// One consumer notification, sent on every channel the person consented to for that shop, at
// most once per key and channel: the key is claimed in consumer_notifications first, so a
// retried trigger (a job rerun, two workers) finds it taken and sends nothing. Messages go
// through the notify module like every other message; emails carry an unsubscribe link.
import { eq } from 'drizzle-orm'
import { users } from '../auth'
import type { AppDeps } from '../infra/deps'
import { inTenant } from '../infra/scope'
import { sendMessage } from '../notify'
import { newId } from '../shared/ids'
import { consentsOf, type NoticeChannel } from './consent'
import { consumerNotifications } from './notices.schema'
import { signUnsubscribe } from './unsubscribe-token'

export const points = (n: number) => `${n.toLocaleString('en-US')} point${n === 1 ? '' : 's'}`

export type NoticeKind = 'points_earned' | 'code_expiring' | 'points_expiring'
export type Notice = { tenantId: string; shopName: string; userId: string; kind: NoticeKind; key: string; text: string }

export async function sendNotice(deps: AppDeps, n: Notice): Promise<NoticeChannel[]> {
  const now = deps.clock()
  const scope = { tenantId: n.tenantId }
  const [user] = await deps.dbh.db
    .select({
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      phone: users.phone,
      phoneVerifiedAt: users.phoneVerifiedAt,
      erasedAt: users.erasedAt,
    })
    .from(users)
    .where(eq(users.id, n.userId))
  if (!user || user.erasedAt) return []
  const to: Record<NoticeChannel, string | null> = {
    email: user.email && user.emailVerifiedAt ? user.email : null,
    sms: user.phone && user.phoneVerifiedAt ? user.phone : null,
  }
  const sent: NoticeChannel[] = []
  const consents = await consentsOf(deps.dbh.db, scope, n.userId)
  for (const channel of ['email', 'sms'] as const) {
    const destination = to[channel]
    if (!consents[channel] || !destination) continue
    const claimed = await inTenant(deps.dbh.db, scope, (tx) =>
      tx
        .insert(consumerNotifications)
        .values({
          id: newId('ntc'),
          tenantId: n.tenantId,
          userId: n.userId,
          kind: n.kind,
          dedupeKey: `${n.key}:${channel}`,
          channel,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: consumerNotifications.id }),
    )
    if (!claimed.length) continue
    if (channel === 'sms')
      await sendMessage(deps, {
        channel,
        to: destination,
        body: `${n.shopName}: ${n.text} Reply STOP to stop these texts.`,
      })
    else {
      const token = await signUnsubscribe(deps.keyring, { userId: n.userId, tenantId: n.tenantId, channel }, now)
      const link = new URL(`/unsubscribe?token=${encodeURIComponent(token)}`, deps.config.APP_BASE_URL).toString()
      await sendMessage(deps, {
        channel,
        to: destination,
        subject: `${n.shopName}: ${n.text}`,
        body: `${n.text}\n\nStop these emails from ${n.shopName}: ${link}`,
      })
    }
    sent.push(channel)
  }
  return sent
}
