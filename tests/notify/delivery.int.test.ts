// The notifier against real protocols: a real SMTP server (smtp-server) and a local Twilio fake
// that follows Twilio's documented Messages API. A failed delivery is retried by the BullMQ job
// and counted; a give-up marks the row failed.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import { type WorkerRuntime, startWorkers } from '../../jobs/worker'
import { deliverNotification, notifications, sendMessage } from '../../src/notify'
import { type FakeTwilio, startFakeTwilio } from '../fakes/twilio'
import { useTestApp } from '../helpers/app'

type Mail = { from: string; to: string[]; raw: string }
const mails: Mail[] = []
let smtp: SMTPServer
let twilio: FakeTwilio
let workers: WorkerRuntime | undefined
const env: Record<string, string> = {
  NOTIFY_EMAIL_TRANSPORT: 'smtp',
  NOTIFY_SMS_TRANSPORT: 'twilio',
  TWILIO_FROM: '+15005550006',
  TRUSTED_IP_HEADER: 'x-test-ip',
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let raw = ''
      stream.on('data', (c: Buffer) => {
        raw += c.toString()
      })
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        })
        done()
      })
    },
  })
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()))
  const port = (smtp.server.address() as { port: number }).port
  twilio = startFakeTwilio()
  Object.assign(env, {
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    TWILIO_API_BASE_URL: twilio.url,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
  })
})
// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp(env)
afterAll(async () => {
  await twilio.stop()
  await new Promise<void>((r) => smtp.close(() => r()))
})

async function metric(name: string, labels: string): Promise<number> {
  const text = await getApp().deps.metrics.registry.metrics()
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`))
  return line ? Number(line.split(' ').pop()) : 0
}

describe('notification delivery', () => {
  test('an email sign-in code goes out over SMTP and our stored copy of the code is erased', async () => {
    const r = await getApp().json('/api/v1/auth/otp', {
      method: 'POST',
      body: { destination: 'mail@example.com' },
      headers: { 'x-test-ip': '10.2.0.1' },
    })
    expect(r.status).toBe(202)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.to).toEqual(['mail@example.com'])
    expect(mails[0]!.raw).toMatch(/sign-in code is \d{6}/)
    const [row] = await getApp()
      .deps.dbh.db.select()
      .from(notifications)
      .where(eq(notifications.to, 'mail@example.com'))
    expect(row?.status).toBe('sent')
    expect(row?.body).not.toMatch(/\d{6}/)
  })

  test('an SMS code goes to Twilio as a form post with Basic auth', async () => {
    const r = await getApp().json('/api/v1/auth/otp', {
      method: 'POST',
      body: { destination: '+1 555 010 0200' },
      headers: { 'x-test-ip': '10.2.0.2' },
    })
    expect(r.status).toBe(202)
    expect(twilio.messages.at(-1)).toMatchObject({ to: '+15550100200', from: '+15005550006' })
    expect(twilio.messages.at(-1)!.body).toMatch(/sign-in code is \d{6}/)
  })

  test('a failed delivery is retried by the job until it succeeds, and every attempt is counted', async () => {
    workers = await startWorkers(getApp().deps)
    const errorsBefore = await metric('notification_attempts_total', 'channel="sms",result="error"')
    twilio.failNext(2) // the inline attempt and the first job attempt fail
    const sent = twilio.messages.length
    await sendMessage(getApp().deps, { channel: 'sms', to: '+15550100300', body: 'hello' })
    const deadline = Date.now() + 15_000
    while (twilio.messages.length === sent && Date.now() < deadline) await Bun.sleep(100)
    expect(twilio.messages.at(-1)?.to).toBe('+15550100300')
    expect((await metric('notification_attempts_total', 'channel="sms",result="error"')) - errorsBefore).toBe(2)
    expect(await metric('notifications_total', 'channel="sms",outcome="retry_scheduled"')).toBeGreaterThanOrEqual(1)
    const [row] = await getApp().deps.dbh.db.select().from(notifications).where(eq(notifications.to, '+15550100300'))
    expect(row).toMatchObject({ status: 'sent', attempts: 3 })
  }, 20_000)

  test('the last attempt gives up: the row is failed, the reason kept without PII, the give-up counted', async () => {
    twilio.failNext(1)
    const deps = getApp().deps
    await deps.dbh.db
      .insert(notifications)
      .values({ id: 'msg_giveup', channel: 'sms', to: '+15550100400', body: 'x', status: 'pending' })
    await expect(deliverNotification(deps, 'msg_giveup', { final: true })).rejects.toThrow()
    const [row] = await deps.dbh.db.select().from(notifications).where(eq(notifications.id, 'msg_giveup'))
    expect(row?.status).toBe('failed')
    expect(row?.lastError).toContain('20500')
    expect(row?.lastError).not.toContain('+1555')
    expect(await metric('notifications_total', 'channel="sms",outcome="failed"')).toBe(1)
  })
})
