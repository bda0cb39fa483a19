// Consumer notifications (ADR 0024): nothing without consent; consent per shop and channel is
// recorded with its wording; "you earned N points" goes out once per sale from the worker; the
// email's unsubscribe link and an SMS "STOP" withdraw consent without signing in.
import { expect, test } from 'bun:test'
import type { Job } from 'bullmq'
import { and, asc, eq } from 'drizzle-orm'
import { processInboxEventsJob } from '../../jobs/process-inbox-events'
import { twilioSignature } from '../../src/http/routes/consumer-notices'
import { asSystem, inTenant } from '../../src/infra/scope'
import { wallets } from '../../src/ledger'
import { members } from '../../src/members'
import { notificationConsents } from '../../src/notices'
import { notifications } from '../../src/notify'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { bearer, makeTenant, makeUser, signIn } from '../helpers/identities'
import { inboxRows, linkMerchant, squarePayment, webhookSecrets } from '../pos/ingest/harness'

const TWILIO_AUTH_TOKEN = 'test-twilio-auth-token'
const getApp = useTestApp({ ...webhookSecrets, TWILIO_AUTH_TOKEN, APP_BASE_URL: 'https://app.salesarck.test' })
const job = { attemptsMade: 0, opts: { attempts: 5 } } as Job
const CSRF = 'noticesnoticesnoticesnoticesnot0'

let sales = 0
let merchantId = ''
async function saleFor(email: string, total: number) {
  const t = getApp()
  const n = ++sales
  const body = squarePayment({ merchantId, eventId: `notice-${n}`, paymentId: `notice-pay-${n}`, total, email })
  await t.request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  const ids = (await inboxRows(t.deps)).filter((r) => r.status === 'received').map((r) => r.id)
  await processInboxEventsJob(t.deps, { webhookEventIds: ids }, job)
  return ids
}

let contacts: string[] = []
const outbox = async () =>
  (await getApp().deps.dbh.db.select().from(notifications).orderBy(asc(notifications.createdAt))).filter((m) =>
    contacts.includes(m.to),
  )

/** A shop, and a person with a verified email and phone who has one sale there (and so a wallet). */
async function setup(n: number) {
  const t = getApp()
  const shop = await makeTenant(t.deps, { name: 'Corner Bakery' })
  merchantId = `MNOTICE${n}`
  contacts = [`rosa${n}@notice.test`, `+1555555014${n}`]
  await linkMerchant(t.deps, shop.id, 'square', merchantId)
  const user = await makeUser(t.deps, { email: contacts[0]!, phone: contacts[1]! })
  await saleFor(contacts[0]!, 500)
  const [w] = await inTenant(t.deps.dbh.db, { tenantId: shop.id }, (tx) =>
    tx
      .select({ id: wallets.id })
      .from(wallets)
      .innerJoin(members, eq(members.id, wallets.memberId))
      .where(and(eq(members.tenantId, shop.id), eq(members.userId, user.id))),
  )
  const headers = { ...bearer(await signIn(t.deps, user.id)), cookie: `sa_csrf=${CSRF}`, 'x-csrf-token': CSRF }
  const choose = (form: Record<string, string>) =>
    t.request(`/wallets/${w!.id}/notifications`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    })
  return { shop, user, walletId: w!.id, headers, choose }
}

test('no consent, no message; email consent sends "you earned" once per sale, with a working unsubscribe link', async () => {
  const t = getApp()
  const { user, walletId, headers, choose } = await setup(1)
  expect(await outbox()).toEqual([]) // the first sale: nobody asked for anything

  const page = await (await t.request(`/wallets/${walletId}`, { headers })).text()
  expect(page).toContain('Email me about my points at Corner Bakery')
  expect((await choose({ email: 'yes' })).status).toBe(200)
  const consents = await asSystem(t.deps.dbh.db, (tx) =>
    tx.select().from(notificationConsents).where(eq(notificationConsents.userId, user.id)),
  )
  expect(consents.map((c) => [c.channel, c.action, c.source])).toEqual([['email', 'given', 'wallet_page']])
  expect(consents[0]!.wording).toContain('Email me about my points at Corner Bakery')

  const ids = await saleFor(contacts[0]!, 3_000)
  let sent = await outbox()
  expect(sent.map((m) => [m.channel, m.subject])).toEqual([
    ['email', 'Corner Bakery: You earned 30 points. Your balance is now 35 points.'],
  ])
  // The job again (a retry): nothing new.
  await processInboxEventsJob(t.deps, { webhookEventIds: ids }, job)
  expect(await outbox()).toHaveLength(1)

  const link = /https:\/\/app\.salesarck\.test(\/unsubscribe\?token=\S+)/.exec(sent[0]!.body)![1]!
  const confirm = await t.request(link, { headers: { cookie: `sa_csrf=${CSRF}` } })
  expect(confirm.status).toBe(200)
  expect(await confirm.text()).toContain('Stop emails from Corner Bakery?')
  const token = new URL(link, 'http://x').searchParams.get('token')!
  const done = await t.request('/unsubscribe', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sa_csrf=${CSRF}` },
    body: new URLSearchParams({ token, _csrf: CSRF }).toString(),
  })
  expect(done.status).toBe(200)
  expect(await done.text()).toContain('You will get no more emails from Corner Bakery.')
  await saleFor(contacts[0]!, 1_000)
  sent = await outbox()
  expect(sent).toHaveLength(1)
  // A forged or altered link withdraws nothing.
  expect((await t.request(`/unsubscribe?token=${token.slice(0, -4)}AAAA`)).status).toBe(404)
})

test('SMS only with its own tick; a signed STOP from that number withdraws it, an unsigned one does not', async () => {
  const t = getApp()
  const { choose } = await setup(2)
  expect((await choose({ sms: 'yes' })).status).toBe(200)
  await saleFor(contacts[0]!, 2_000)
  const texts = (await outbox()).filter((m) => m.channel === 'sms')
  expect(texts.map((m) => m.body)).toEqual([expect.stringContaining('Reply STOP')])

  const stop = (form: Record<string, string>, signature: string) =>
    t.request('/webhooks/sms/inbound', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(form).toString(),
    })
  const form = { From: contacts[1]!, Body: ' stop ', MessageSid: 'SM1' }
  expect((await stop(form, 'forged')).status).toBe(401)
  await saleFor(contacts[0]!, 1_000)
  expect((await outbox()).filter((m) => m.channel === 'sms')).toHaveLength(2)

  const res = await stop(
    form,
    twilioSignature(TWILIO_AUTH_TOKEN, 'https://app.salesarck.test/webhooks/sms/inbound', form),
  )
  expect(res.status).toBe(200)
  await saleFor(contacts[0]!, 1_000)
  expect((await outbox()).filter((m) => m.channel === 'sms')).toHaveLength(2)
})
