// Consumer notices about something about to lapse (ADR 0024): "your code expires in 5 minutes"
// from a delayed job scheduled when the code is issued, and "points expire" once a week per
// wallet from the hourly job, at 10:00 in the shop's time zone. Only with consent, never for a
// code already used or expired, never for points already spent or expired.
import { afterAll, expect, test } from 'bun:test'
import { asc, eq } from 'drizzle-orm'
import { codeExpiringJob, pointsExpiringJob } from '../../jobs/expiry-notices'
import { type WorkerRuntime, startWorkers } from '../../jobs/worker'
import { asSystem, inTenant } from '../../src/infra/scope'
import { completeRedemption, earn, issueRedemption } from '../../src/ledger'
import { linkMembersToUser } from '../../src/members'
import { scheduleCodeExpiring } from '../../src/notices'
import { notifications } from '../../src/notify'
import { tenants } from '../../src/tenancy'
import { useTestApp } from '../helpers/app'
import { bearer, makeTenant, makeUser, signIn } from '../helpers/identities'
import { seedWallet } from '../helpers/ledger'

// Registered before useTestApp: the workers must stop before the test database is dropped.
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp({ APP_BASE_URL: 'https://app.salesarck.test' })
let workers: WorkerRuntime | undefined
const CSRF = 'expirynoticesexpirynoticesexpiry'
const realClock = () => new Date()

let people = 0
/** A person with a verified email and a wallet at the shop holding `points` (no expiry). */
async function person(tenantId: string, points = 0, now = new Date()) {
  const t = getApp()
  const email = `person${++people}@expiry.test`
  const { wallet } = await seedWallet(t.deps.dbh.db, tenantId, { email, points, now })
  const user = await makeUser(t.deps, { email })
  await linkMembersToUser(t.deps.dbh.db, { id: user.id, email, emailVerifiedAt: now })
  const headers = bearer(await signIn(t.deps, user.id))
  return { email, walletId: wallet.id, headers }
}

/** Ticks "email me" on the wallet page, as the person would. */
async function consentToEmail(p: { walletId: string; headers: Record<string, string> }) {
  const res = await getApp().request(`/wallets/${p.walletId}/notifications`, {
    method: 'POST',
    headers: {
      ...p.headers,
      cookie: `sa_csrf=${CSRF}`,
      'x-csrf-token': CSRF,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ email: 'yes' }).toString(),
  })
  expect(res.status).toBe(200)
}

const emailsTo = async (to: string) =>
  (
    await getApp()
      .deps.dbh.db.select()
      .from(notifications)
      .where(eq(notifications.to, to))
      .orderBy(asc(notifications.createdAt))
  ).map((m) => m.subject)

async function issueCode(p: { walletId: string; headers: Record<string, string> }, points: number) {
  const res = await getApp().json<{ redemption_id: string; code: string; expires_at: string }>(
    '/api/v1/consumer/redemptions',
    {
      method: 'POST',
      headers: { ...p.headers, 'idempotency-key': crypto.randomUUID() },
      body: { wallet_id: p.walletId, points },
    },
  )
  expect(res.status).toBe(201)
  return { id: res.body.redemption_id, code: res.body.code, expiresAt: new Date(res.body.expires_at) }
}

const codeJob = (redemptionId: string) =>
  getApp().deps.queues.get('notifications').getJob(`code-expiring-${redemptionId}`)
/** The scheduled job's handler, run now with its own payload (the clock decides "now"). */
const codeJobRun = async (redemptionId: string) =>
  codeExpiringJob(getApp().deps, ((await codeJob(redemptionId))!.data as { data: unknown }).data)

test('a code still unused five minutes before it lapses: the job (scheduled at issue) emails once, with consent', async () => {
  const t = getApp()
  const shop = await makeTenant(t.deps, { name: 'Harbour Deli' })
  const ana = await person(shop.id, 100)
  await consentToEmail(ana)
  const code = await issueCode(ana, 40)

  // Issued with the default 15-minute life: the notice is due ten minutes later.
  const job = await codeJob(code.id)
  expect(job?.name).toBe('notify-code-expiring')
  expect(Math.abs(job!.delay - 10 * 60_000)).toBeLessThan(5_000)

  // Through a real worker, as if ten minutes had passed.
  t.deps.clock = () => new Date(code.expiresAt.getTime() - 5 * 60_000)
  try {
    workers = await startWorkers(t.deps)
    await job!.promote()
    const end = Date.now() + 15_000
    while (!(await codeJob(code.id))?.finishedOn && Date.now() < end) await Bun.sleep(100)
    expect((await codeJob(code.id))?.returnvalue).toEqual({ sent: ['email'] })
    const [subject] = await emailsTo(ana.email)
    expect(subject).toMatch(
      /^Harbour Deli: Your code for 40 points expires in 5 minutes, at \d{1,2}:\d{2} [AP]M\. Show it at the till before then\.$/,
    )
    // A retry of the job, or a second worker: nothing new.
    expect(await codeJobRun(code.id)).toEqual({ sent: [] })
    expect(await emailsTo(ana.email)).toHaveLength(1)
  } finally {
    t.deps.clock = realClock
  }
}, 40_000)

test('no notice for a code used at the till, a code already lapsed, or a person who never asked', async () => {
  const t = getApp()
  const shop = await makeTenant(t.deps, { name: 'Harbour Deli' })
  const scope = { tenantId: shop.id }
  const ben = await person(shop.id, 100)
  await consentToEmail(ben)
  const used = await issueCode(ben, 10)
  const lapsed = await issueCode(ben, 10)
  const chloe = await person(shop.id, 100)
  const unasked = await issueCode(chloe, 10)
  // Every code got its job: consent is decided when the job runs, not when the code is issued.
  for (const c of [used, lapsed, unasked]) expect(await codeJob(c.id)).toBeTruthy()

  await inTenant(t.deps.dbh.db, scope, (tx) =>
    completeRedemption(tx, scope, { code: used.code, staffUserId: 'usr_staff', now: new Date() }),
  )
  try {
    t.deps.clock = () => new Date(used.expiresAt.getTime() - 5 * 60_000)
    expect(await codeJobRun(used.id)).toEqual({ sent: [] })
    expect(await codeJobRun(unasked.id)).toEqual({ sent: [] })
    // The job ran late (after the code lapsed, before any sweeper marked it): nothing.
    t.deps.clock = () => new Date(lapsed.expiresAt.getTime() + 1_000)
    expect(await codeJobRun(lapsed.id)).toEqual({ sent: [] })
  } finally {
    t.deps.clock = realClock
  }
  expect(await emailsTo(ben.email)).toEqual([])
  expect(await emailsTo(chloe.email)).toEqual([])
})

test('a code that lives five minutes or less gets no warning job', async () => {
  const { deps } = getApp()
  const now = new Date()
  const id = `red_short_${now.getTime()}`
  expect(
    await scheduleCodeExpiring(
      deps.queues,
      { id, tenantId: 'tnt_any', expiresAt: new Date(now.getTime() + 5 * 60_000) },
      now,
    ),
  ).toBe(false)
  expect(await codeJob(id)).toBeUndefined()
})

// 10:30 in New York on Wednesday 2 December 2026 (ISO week 49); lots lapse at local midnights.
const NY = 'America/New_York'
const WED_1030 = new Date('2026-12-02T15:30:00Z')
const nyMidnight = (day: number) => new Date(`2026-12-${String(day).padStart(2, '0')}T05:00:00Z`)

test('points expiring within the week: one email per wallet and ISO week, with the amount and the days, at 10:00 shop time', async () => {
  const t = getApp()
  const shop = await makeTenant(t.deps, { name: 'Night Owl Books' })
  await asSystem(t.deps.dbh.db, (tx) => tx.update(tenants).set({ timeZone: NY }).where(eq(tenants.id, shop.id)))
  const scope = { tenantId: shop.id }
  const earlier = new Date('2026-11-20T15:00:00Z')
  const rosa = await person(shop.id, 20, earlier) // 20 points that never expire
  const lot = (points: number, expiresAt: Date) =>
    earn(t.deps.dbh.db, scope, {
      walletId: rosa.walletId,
      points,
      referenceType: 'test_seed',
      referenceId: `lot-${points}`,
      ruleVersionId: null,
      explanation: 'Seeded lot',
      expiresAt,
      now: earlier,
    })
  await lot(50, nyMidnight(3))
  // The 50 expiring on the 3rd go on a code (points are taken at issue): spent, not expiring.
  await inTenant(t.deps.dbh.db, scope, (tx) =>
    issueRedemption(tx, scope, { walletId: rosa.walletId, points: 50, shopName: 'Night Owl Books', now: earlier }),
  )
  await lot(25, nyMidnight(1)) // lapsed already; the expiry job has not reached it yet
  await lot(60, nyMidnight(5)) // usable through Friday 4th
  await lot(40, nyMidnight(10)) // usable through Wednesday 9th: the 7th day after today
  await lot(70, nyMidnight(11)) // beyond the week
  await consentToEmail(rosa)
  const sam = await person(shop.id, 0, earlier) // same shop, expiring points, never asked
  const tom = await person(shop.id, 0, earlier) // asked, but his expiring points are on a code
  await consentToEmail(tom)
  for (const p of [sam, tom]) {
    await earn(t.deps.dbh.db, scope, {
      walletId: p.walletId,
      points: 80,
      referenceType: 'test_seed',
      referenceId: `lot-${p.email}`,
      ruleVersionId: null,
      explanation: 'Seeded lot',
      expiresAt: nyMidnight(4),
      now: earlier,
    })
  }
  await inTenant(t.deps.dbh.db, scope, (tx) =>
    issueRedemption(tx, scope, { walletId: tom.walletId, points: 80, shopName: 'Night Owl Books', now: earlier }),
  )

  const runAt = async (at: Date) => {
    t.deps.clock = () => at
    try {
      return await pointsExpiringJob(t.deps)
    } finally {
      t.deps.clock = realClock
    }
  }
  // 09:30 in New York: not this shop's hour yet.
  expect(await runAt(new Date(WED_1030.getTime() - 3_600_000))).toEqual({ wallets: 0, sent: 0 })
  expect(await runAt(WED_1030)).toEqual({ wallets: 1, sent: 1 })
  expect(await emailsTo(rosa.email)).toEqual([
    'Night Owl Books: 100 points expire within the next week, the first after Friday, December 4 and the last after Wednesday, December 9. Use them before then.',
  ])
  // The same hour again, and the next day in the same week: found, not sent again.
  expect(await runAt(new Date(WED_1030.getTime() + 60_000))).toEqual({ wallets: 1, sent: 0 })
  expect(await runAt(new Date(WED_1030.getTime() + 86_400_000))).toEqual({ wallets: 1, sent: 0 })
  expect(await emailsTo(rosa.email)).toHaveLength(1)
  expect(await emailsTo(sam.email)).toEqual([])
  expect(await emailsTo(tom.email)).toEqual([])

  // Monday of the next week: the 60 have lapsed; the 40 and 70 are now within the week.
  expect(await runAt(new Date('2026-12-07T15:30:00Z'))).toEqual({ wallets: 1, sent: 1 })
  expect((await emailsTo(rosa.email))[1]).toBe(
    'Night Owl Books: 110 points expire within the next week, the first after Wednesday, December 9 and the last after Thursday, December 10. Use them before then.',
  )
})
