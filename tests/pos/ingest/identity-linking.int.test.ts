// Issue 10.1: a consumer who verified a phone or email sees the wallet of a sale carrying it,
// whichever came first (sign-in or sale) and when they race, through the real OTP flow over
// HTTP, the webhook route and the processing job's use case; polling, replay and the merchant's
// "attach a contact" take the same path; an unverified contact never links.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eq, or, sql } from 'drizzle-orm'
import { users } from '../../../src/auth/auth.schema'
import { execRows } from '../../../src/infra/db'
import { asSystem, inTenant } from '../../../src/infra/scope'
import { earn, ensureWallet } from '../../../src/ledger'
import { findOrCreateMemberByIdentity, members } from '../../../src/members'
import { pollConnection } from '../../../src/pos/connection'
import { attachIdentity, processInboxEvent } from '../../../src/pos/ingest'
import { posConnections } from '../../../src/pos/pos.schema'
import { newId } from '../../../src/shared/ids'
import { squareWebhookHeaders } from '../../fakes'
import { useTestApp } from '../../helpers/app'
import { makeCast, makeTenant } from '../../helpers/identities'
import { connectOverHttp, fakeEnv, startFakes, stopFakes } from '../connection/harness'
import { inboxRows, linkMerchant, squarePayment, transactionsOf, waitFor, webhookSecrets } from './harness'

/** Backends of this database waiting on an advisory lock. */
async function advisoryWaiters(t: ReturnType<typeof getApp>): Promise<number> {
  const rows = await execRows<{ n: number }>(
    t.deps.dbh.db,
    sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`,
  )
  return rows[0]?.n ?? 0
}

const fakes = startFakes()
const getApp = useTestApp(
  fakeEnv(fakes, { ...webhookSecrets, ADMIN_EMAILS: 'admin@test.dev', RATE_LIMIT_SIGNIN_PER_IP: '10000' }),
)
let n = 0
const uid = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 8)}`

afterAll(() => stopFakes(fakes))

async function deliver(body: string): Promise<string> {
  const res = await getApp().request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
  const eventId = JSON.parse(body).event_id as string
  const row = (await inboxRows(getApp().deps)).find((r) => r.providerEventId === eventId)
  return row!.id
}

/** Runs the job's use case for every row still waiting, as the worker would. */
async function processWaiting() {
  for (const row of await inboxRows(getApp().deps))
    if (row.status === 'received') await processInboxEvent(getApp().deps, row.id)
}

async function shop() {
  const tenant = await makeTenant(getApp().deps)
  const merchantId = uid('M')
  await linkMerchant(getApp().deps, tenant.id, 'square', merchantId)
  return { tenantId: tenant.id, tenantName: tenant.name, merchantId }
}

const sale = (merchantId: string, total: number, email: string) =>
  squarePayment({ merchantId, eventId: uid('evt'), paymentId: uid('pay'), total, email })

async function requestCode(destination: string): Promise<string> {
  const { json } = getApp()
  expect((await json('/api/v1/auth/otp', { method: 'POST', body: { destination } })).status).toBe(202)
  const outbox = (await json<{ to: string; body: string }[]>('/dev/outbox.json')).body
  return /\b(\d{6})\b/.exec(outbox.find((m) => m.to === destination)!.body)![1]!
}

async function verify(destination: string, code: string): Promise<Record<string, string>> {
  const r = await getApp().json<{ access_token: string }>('/api/v1/auth/verify', {
    method: 'POST',
    body: { destination, code },
  })
  expect(r.status).toBe(200)
  return { authorization: `Bearer ${r.body.access_token}` }
}

const signIn = async (destination: string) => verify(destination, await requestCode(destination))

const walletsOf = async (headers: Record<string, string>) =>
  (await getApp().json<{ tenant_id: string; balance: number }[]>('/api/v1/consumer/wallets', { headers })).body

/** Member rows carrying this contact (any tenant), with who they belong to. */
const membersWith = (contact: string) =>
  asSystem(getApp().deps.dbh.db, (tx) =>
    tx
      .select({ id: members.id, tenantId: members.tenantId, userId: members.userId })
      .from(members)
      .where(or(eq(members.email, contact), eq(members.phone, contact))),
  )

const userIdOf = async (contact: string) =>
  (
    await getApp()
      .deps.dbh.db.select({ id: users.id })
      .from(users)
      .where(or(eq(users.email, contact), eq(users.phone, contact)))
  )[0]!.id

beforeAll(() => {
  getApp()
})

describe('a verified contact links the sale’s member at processing time', () => {
  test('sign-in first, then a sale carrying that email: the wallet appears without signing in again', async () => {
    const s = await shop()
    const email = `${uid('ana')}@example.com`
    const headers = await signIn(email)
    expect(await walletsOf(headers)).toEqual([])
    await deliver(sale(s.merchantId, 1_250, email))
    await processWaiting()
    expect(await walletsOf(headers)).toEqual([expect.objectContaining({ tenant_id: s.tenantId, balance: 12 })])
    // A later sale lands in the same wallet, on the same member.
    await deliver(sale(s.merchantId, 500, email))
    await processWaiting()
    expect(await walletsOf(headers)).toEqual([expect.objectContaining({ tenant_id: s.tenantId, balance: 17 })])
    expect(await membersWith(email)).toEqual([
      { id: expect.any(String), tenantId: s.tenantId, userId: await userIdOf(email) },
    ])
  })

  test('sale first, then sign-in: linked at sign-in, and the next sale adds to that one wallet', async () => {
    const s = await shop()
    const email = `${uid('bo')}@example.com`
    await deliver(sale(s.merchantId, 900, email))
    await processWaiting()
    const headers = await signIn(email)
    expect(await walletsOf(headers)).toEqual([expect.objectContaining({ tenant_id: s.tenantId, balance: 9 })])
    await deliver(sale(s.merchantId, 100, email))
    await processWaiting()
    expect(await walletsOf(headers)).toEqual([expect.objectContaining({ tenant_id: s.tenantId, balance: 10 })])
    expect(await membersWith(email)).toHaveLength(1)
  })

  test('sign-in and sales racing, 25 times: one member, one wallet, every point', async () => {
    for (let i = 0; i < 25; i++) {
      const s = await shop()
      const email = `${uid('race')}@example.com`
      const code = await requestCode(email)
      // Two sales of the same person, stored before the race so only processing competes.
      const rows = [await deliver(sale(s.merchantId, 1_000, email)), await deliver(sale(s.merchantId, 300, email))]
      let headers: Record<string, string> = {}
      const tasks = [
        async () => (headers = await verify(email, code)),
        () => processInboxEvent(getApp().deps, rows[0]!),
        () => processInboxEvent(getApp().deps, rows[1]!),
      ]
      // Rotate who starts first, so each side gets to be ahead.
      const rotated = [...tasks.slice(i % 3), ...tasks.slice(0, i % 3)]
      await Promise.all(rotated.map((f) => f()))
      expect(await walletsOf(headers)).toEqual([expect.objectContaining({ tenant_id: s.tenantId, balance: 13 })])
      const held = await membersWith(email)
      expect(held).toEqual([{ id: expect.any(String), tenantId: s.tenantId, userId: await userIdOf(email) }])
    }
  }, 120_000)

  test('a sale still in flight when the sign-in links: the sign-in waits for it and links its member', async () => {
    // The write-skew the contact locks exist for, made deterministic: the sale's transaction has
    // created the member (nobody had verified the email yet) and not committed while the sign-in
    // verifies the email and looks for members to link.
    const t = getApp()
    const s = await shop()
    const email = `${uid('inflight')}@example.com`
    const code = await requestCode(email)
    let signedIn: Promise<Record<string, string>> | undefined
    let settled = false
    await inTenant(t.deps.dbh.db, { tenantId: s.tenantId }, async (tx) => {
      const member = await findOrCreateMemberByIdentity(tx, { tenantId: s.tenantId }, { email })
      expect(member.userId).toBeNull()
      const wallet = await ensureWallet(tx, { tenantId: s.tenantId }, member.id)
      await earn(
        tx,
        { tenantId: s.tenantId },
        {
          walletId: wallet.id,
          points: 31,
          referenceType: 'pos_txn',
          referenceId: uid('ref'),
          ruleVersionId: null,
          explanation: '$31.00 → 31 pts',
        },
      )
      signedIn = verify(email, code).finally(() => {
        settled = true
      })
      // Hold the sale open until the sign-in has either finished or is waiting on a lock.
      await waitFor(
        async () => settled || (await advisoryWaiters(t)) > 0,
        (done) => done,
      )
    })
    const headers = await signedIn!
    expect(await walletsOf(headers)).toEqual([expect.objectContaining({ tenant_id: s.tenantId, balance: 31 })])
  })

  test('an unverified contact never links, at processing time or at sign-in', async () => {
    const s = await shop()
    const phone = '+14155550177'
    const email = `${uid('unverified')}@example.com`
    // An account holding a proven phone and an email nobody proved (typed into a profile, say).
    await getApp()
      .deps.dbh.db.insert(users)
      .values({ id: newId('usr'), phone, phoneVerifiedAt: new Date(), email, emailVerifiedAt: null })
    await deliver(sale(s.merchantId, 2_000, email))
    await processWaiting()
    expect(await membersWith(email)).toEqual([{ id: expect.any(String), tenantId: s.tenantId, userId: null }])
    const headers = await signIn(phone)
    expect(await walletsOf(headers)).toEqual([])
    expect(await membersWith(email)).toEqual([{ id: expect.any(String), tenantId: s.tenantId, userId: null }])
  })
})

describe('every way a sale reaches processing links the same way', () => {
  test('a sale found by polling (webhooks never arrived) lands in the signed-in consumer’s wallet', async () => {
    const t = getApp()
    const cast = await makeCast(t.deps)
    await connectOverHttp(t, cast.owner.headers, 'square', fakes)
    const [connection] = await asSystem(t.deps.dbh.db, (tx) =>
      tx.select().from(posConnections).where(eq(posConnections.tenantId, cast.tenant.id)),
    )
    const email = `${uid('polled')}@example.com`
    const headers = await signIn(email)
    const payment = JSON.parse(
      squarePayment({ merchantId: fakes.square.merchantId, eventId: 'x', paymentId: uid('pay'), total: 4_200, email }),
    ).data.object.payment
    fakes.square.listed.push({ ...payment, updated_at: new Date().toISOString() })
    expect((await pollConnection(t.deps, connection!.id)).inserted).toHaveLength(1)
    await processWaiting()
    expect(await walletsOf(headers)).toEqual([expect.objectContaining({ tenant_id: cast.tenant.id, balance: 42 })])
  })

  test('an event kept for an unknown merchant, replayed after the consumer signed in, is theirs', async () => {
    const t = getApp()
    const cast = await makeCast(t.deps)
    const merchantId = uid('LATE')
    const email = `${uid('replayed')}@example.com`
    const rowId = await deliver(sale(merchantId, 800, email))
    await processWaiting()
    const headers = await signIn(email)
    const link = await t.json(`/api/v1/admin/tenants/${cast.tenant.id}/connections`, {
      method: 'POST',
      headers: cast.admin.headers,
      body: { provider: 'square', external_merchant_id: merchantId },
    })
    expect(link.status).toBe(201)
    expect(
      (
        await t.json(`/api/v1/admin/webhook-events/${rowId}/replay`, {
          method: 'POST',
          headers: cast.admin.headers,
          body: { reason: 'merchant linked late' },
        })
      ).status,
    ).toBe(202)
    await processWaiting()
    expect(await walletsOf(headers)).toEqual([expect.objectContaining({ tenant_id: cast.tenant.id, balance: 8 })])
  })

  test('the merchant attaching a verified phone to an unmatched sale links it to that consumer', async () => {
    const t = getApp()
    const cast = await makeCast(t.deps)
    const merchantId = uid('WALKIN')
    await linkMerchant(t.deps, cast.tenant.id, 'square', merchantId)
    const phone = '+14155550188'
    const headers = await signIn(phone)
    await deliver(squarePayment({ merchantId, eventId: uid('evt'), paymentId: 'walk-in', total: 1_500 }))
    await processWaiting()
    const [txn] = await transactionsOf(t.deps, cast.tenant.id)
    expect(txn).toMatchObject({ state: 'unmatched' })
    expect(
      await attachIdentity(t.deps, { tenantId: cast.tenant.id }, cast.users.owner.id, txn!.id, '(415) 555-0188'),
    ).toBe('awarded')
    expect(await walletsOf(headers)).toEqual([expect.objectContaining({ tenant_id: cast.tenant.id, balance: 15 })])
  })
})
