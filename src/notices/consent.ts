// Consent to a shop's notifications: recorded as events, read as the latest event per channel.
// The wording stored is exactly what the person was shown, so "what did they agree to" has an
// answer even after the page's text changes.
import { and, desc, eq } from 'drizzle-orm'
import type { Db, Tx } from '../infra/db'
import { asSystem, inTenant, type TenantScope } from '../infra/scope'
import { newId } from '../shared/ids'
import { notificationConsents } from './notices.schema'

export type NoticeChannel = 'email' | 'sms'
export type ConsentSource = 'wallet_page' | 'unsubscribe_link' | 'sms_stop'
export type Consents = Record<NoticeChannel, boolean>

/** The sentences shown next to each checkbox; a change here is a new wording on record. */
export const CONSENT_WORDING: Record<NoticeChannel, (shop: string) => string> = {
  email: (shop) =>
    `Email me about my points at ${shop}: points earned, a code about to expire, points expiring soon. Every email has an unsubscribe link.`,
  sms: (shop) =>
    `Text me about my points at ${shop}: points earned, a code about to expire, points expiring soon. Reply STOP to any text to stop them.`,
}

async function latest(tx: Tx, tenantId: string, userId: string, channel: NoticeChannel) {
  const [row] = await tx
    .select({ action: notificationConsents.action })
    .from(notificationConsents)
    .where(
      and(
        eq(notificationConsents.tenantId, tenantId),
        eq(notificationConsents.userId, userId),
        eq(notificationConsents.channel, channel),
      ),
    )
    .orderBy(desc(notificationConsents.createdAt), desc(notificationConsents.id))
    .limit(1)
  return row?.action === 'given'
}

export async function consentsOf(db: Db | Tx, scope: TenantScope, userId: string): Promise<Consents> {
  const read = async (tx: Tx) => ({
    email: await latest(tx, scope.tenantId, userId, 'email'),
    sms: await latest(tx, scope.tenantId, userId, 'sms'),
  })
  return 'rollback' in db ? read(db as Tx) : inTenant(db as Db, scope, read)
}

/** Records only changes: setting what is already in force writes nothing. */
export async function setConsent(
  db: Db,
  scope: TenantScope,
  p: { userId: string; channel: NoticeChannel; given: boolean; source: ConsentSource; wording: string; now: Date },
): Promise<boolean> {
  return inTenant(db, scope, async (tx) => {
    if ((await latest(tx, scope.tenantId, p.userId, p.channel)) === p.given) return false
    await tx.insert(notificationConsents).values({
      id: newId('ncs'),
      tenantId: scope.tenantId,
      userId: p.userId,
      channel: p.channel,
      action: p.given ? 'given' : 'withdrawn',
      source: p.source,
      wording: p.wording,
      createdAt: p.now,
    })
    return true
  })
}

/** SMS STOP names no shop: every shop's text consent of that person is withdrawn (system scope). */
export async function withdrawAllSms(db: Db, userId: string, wording: string, now: Date): Promise<number> {
  const tenants = await asSystem(db, (tx) =>
    tx
      .selectDistinct({ tenantId: notificationConsents.tenantId })
      .from(notificationConsents)
      .where(and(eq(notificationConsents.userId, userId), eq(notificationConsents.channel, 'sms'))),
  )
  let n = 0
  for (const { tenantId } of tenants)
    if (await setConsent(db, { tenantId }, { userId, channel: 'sms', given: false, source: 'sms_stop', wording, now }))
      n++
  return n
}

/** Twilio's standard opt-out keywords (it confirms the opt-out to the sender itself). */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'])
export const isStopMessage = (body: string) => STOP_WORDS.has(body.trim().toUpperCase())
