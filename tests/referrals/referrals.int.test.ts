// Referrals (issue 15.5): a member's invitation link per shop; a friend who opens it and signs in
// joins that shop through it; on the friend's first purchase that earns points both get the
// shop's referral points, explained in both histories, exactly once however the sale arrives.
// Self-referral, loops, existing members and friends past the monthly cap earn nothing.
import { beforeAll, describe, expect, test } from 'bun:test'
import { and, eq } from 'drizzle-orm'
import { asSystem } from '../../src/infra/scope'
import { ensureWallet } from '../../src/ledger'
import { findOrCreateMemberByIdentity, linkMembersToUser } from '../../src/members'
import { listOutbox } from '../../src/notify'
import { processInboxEvent } from '../../src/pos/ingest'
import { referrals } from '../../src/referrals'
import { defaultRuleSet, publishRules } from '../../src/rules'
import { squareWebhookHeaders } from '../fakes'
import { useTestApp } from '../helpers/app'
import { bearer, makeTenant, makeUser, signIn } from '../helpers/identities'
import { seedWallet } from '../helpers/ledger'
import { inboxRows, linkMerchant, squarePayment, webhookSecrets } from '../pos/ingest/harness'

const getApp = useTestApp({ ...webhookSecrets, OTP_RESEND_COOLDOWN_S: '1' })
const CSRF = 'referralsreferralsreferrals00000'
let n = 0

beforeAll(() => {
  getApp()
})

/** A shop on Square whose rules give 1 pt per $1 plus the referral bonus (100 to the inviter, 50 to the friend). */
async function shop(p: { cap?: number; referral?: boolean } = {}) {
  const { deps } = getApp()
  const tenant = await makeTenant(deps, { name: `Brew Haus ${++n}` })
  const merchantId = `MREF${n}`
  await linkMerchant(deps, tenant.id, 'square', merchantId)
  const base = defaultRuleSet('USD')
  const referral = {
    kind: 'referral_bonus' as const,
    config: { referrer_points: 100, friend_points: 50, monthly_cap: p.cap ?? 10 },
  }
  if (p.referral !== false)
    await publishRules(
      deps,
      { tenantId: tenant.id },
      { ruleSetInput: { ...base, rules: [...base.rules, referral] }, actorUserId: 'test', now: new Date() },
    )
  return { ...tenant, merchantId }
}

/** A signed-up member of the shop (an empty wallet unless `points`), with their API headers. */
async function member(tenantId: string, p: { points?: number } = {}) {
  const { deps } = getApp()
  const email = `member${++n}@ref.test`
  const user = await makeUser(deps, { email })
  if (p.points) await seedWallet(deps.dbh.db, tenantId, { email, points: p.points })
  else
    await ensureWallet(
      deps.dbh.db,
      { tenantId },
      (await findOrCreateMemberByIdentity(deps.dbh.db, { tenantId }, { email })).id,
    )
  await linkMembersToUser(deps.dbh.db, { id: user.id, email, emailVerifiedAt: new Date() })
  const headers = bearer(await signIn(deps, user.id, null))
  const [wallet] = (
    await getApp().json<{ wallet_id: string; tenant_id: string }[]>('/api/v1/consumer/wallets', { headers })
  ).body.filter((w) => w.tenant_id === tenantId)
  return { user, email, headers, walletId: wallet!.wallet_id }
}

async function linkOf(m: { headers: Record<string, string>; walletId: string }) {
  const res = await getApp().json<{ url: string }>(`/api/v1/consumer/wallets/${m.walletId}/referral`, {
    headers: m.headers,
  })
  expect(res.status).toBe(200)
  return new URL(res.body.url).pathname
}

/** Opens the link like a browser (keeping its cookie), then signs in with a code through the portal. */
async function signInThrough(linkPath: string, email: string) {
  const app = getApp()
  const landing = await app.request(linkPath, { headers: { accept: 'text/html' } })
  const pending = /sa_referral=([^;]*)/.exec(landing.headers.get('set-cookie') ?? '')?.[1]
  const cookie = `sa_csrf=${CSRF}${pending ? `; sa_referral=${pending}` : ''}`
  const post = (path: string, form: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        cookie,
        'x-csrf-token': CSRF,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    })
  expect((await post('/signin/code', { destination: email, as: 'consumer' })).status).toBe(200)
  const code = (await listOutbox(app.deps.dbh.db)).find((m) => m.to === email)!.body.match(/\d{6}/)![0]
  const verified = await post('/signin/verify', { destination: email, code, as: 'consumer' })
  expect(verified.status).toBe(303)
  const access = /sa_access=([^;]*)/.exec(verified.headers.get('set-cookie') ?? '')![1]!
  return { landing, location: verified.headers.get('location') ?? '', headers: { authorization: `Bearer ${access}` } }
}

async function sale(s: { merchantId: string }, p: { email: string; id: string; total?: number; eventId?: string }) {
  const body = squarePayment({
    merchantId: s.merchantId,
    eventId: p.eventId ?? `evt-${p.id}`,
    paymentId: p.id,
    total: p.total ?? 1_200,
    email: p.email,
  })
  const res = await getApp().request('/webhooks/square', {
    method: 'POST',
    headers: squareWebhookHeaders(body, webhookSecrets.SQUARE_WEBHOOK_SIGNATURE_KEY, webhookSecrets.SQUARE_WEBHOOK_URL),
    body,
  })
  expect(res.status).toBe(200)
}

/** Two workers at once on every unprocessed row. */
async function processAll() {
  const { deps } = getApp()
  const rows = (await inboxRows(deps)).filter((r) => r.status !== 'processed')
  await Promise.all(
    rows.flatMap((r) => [
      processInboxEvent(deps, r.id).catch(() => null),
      processInboxEvent(deps, r.id).catch(() => null),
    ]),
  )
  for (const r of (await inboxRows(deps)).filter((r) => r.status !== 'processed')) await processInboxEvent(deps, r.id)
}

type Entry = { points: number; explanation: string; reference_type?: string }
const entriesOf = async (headers: Record<string, string>, walletId: string) =>
  (await getApp().json<Entry[]>(`/api/v1/consumer/wallets/${walletId}/entries`, { headers })).body
const walletAt = async (headers: Record<string, string>, tenantId: string) =>
  (
    await getApp().json<{ wallet_id: string; tenant_id: string; balance: number }[]>('/api/v1/consumer/wallets', {
      headers,
    })
  ).body.find((w) => w.tenant_id === tenantId)
const recorded = (tenantId: string) =>
  asSystem(getApp().deps.dbh.db, (tx) => tx.select().from(referrals).where(eq(referrals.tenantId, tenantId)))

describe('the invitation link', () => {
  test('one link per member and shop, the same on every request; someone else’s wallet is a 404', async () => {
    const s = await shop()
    const ana = await member(s.id, { points: 10 })
    const first = await linkOf(ana)
    expect(first).toMatch(/^\/r\/[\w-]{22}$/)
    expect(await linkOf(ana)).toBe(first)
    const other = await member(s.id)
    expect(await linkOf(other)).not.toBe(first)
    const res = await getApp().json(`/api/v1/consumer/wallets/${ana.walletId}/referral`, { headers: other.headers })
    expect(res.status).toBe(404)
  })

  test('a shop without a referral rule has no link (409) and its wallet page no invite box', async () => {
    const s = await shop({ referral: false })
    const ana = await member(s.id, { points: 10 })
    expect(
      (await getApp().json(`/api/v1/consumer/wallets/${ana.walletId}/referral`, { headers: ana.headers })).status,
    ).toBe(409)
    const page = await (
      await getApp().request(`/wallets/${ana.walletId}`, { headers: { ...ana.headers, accept: 'text/html' } })
    ).text()
    expect(page).not.toContain('Invite a friend')
  })

  test('the link page names the shop and the welcome points; an unknown link says it has ended', async () => {
    const s = await shop()
    const ana = await member(s.id, { points: 10 })
    const res = await getApp().request(await linkOf(ana), { headers: { accept: 'text/html' } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`A friend invites you to ${s.name}`)
    expect(html).toContain('50 points with your first purchase')
    expect(res.headers.get('set-cookie')).toMatch(/sa_referral=[\w-]{22};.*HttpOnly/i)
    const unknown = await getApp().request('/r/AAAAAAAAAAAAAAAAAAAAAA', { headers: { accept: 'text/html' } })
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('This invitation has ended')
  })
})

describe('joining through a friend and the first purchase', () => {
  test('sign-in records the friend and lands on the shop’s wallet; the first sale gives both bonuses once, through replays and two workers', async () => {
    const s = await shop()
    const ana = await member(s.id, { points: 10 })
    const friendEmail = `friend${++n}@ref.test`
    const joined = await signInThrough(await linkOf(ana), friendEmail)
    const friendWallet = await walletAt(joined.headers, s.id)
    expect(friendWallet).toBeDefined()
    expect(joined.location).toBe(`/wallets/${friendWallet!.wallet_id}`)
    expect((await recorded(s.id)).map((r) => r.outcome)).toEqual(['joined'])
    const before = await (
      await getApp().request(`/wallets/${ana.walletId}`, { headers: { ...ana.headers, accept: 'text/html' } })
    ).text()
    expect(before).toContain('1 friend joined through your link')

    // The same delivery twice, and the sale again under another event id, each taken by two workers.
    await sale(s, { email: friendEmail, id: 'pay-first' })
    await sale(s, { email: friendEmail, id: 'pay-first' })
    await sale(s, { email: friendEmail, id: 'pay-first', eventId: 'evt-resent' })
    await processAll()
    // A second purchase earns its points, and no second bonus.
    await sale(s, { email: friendEmail, id: 'pay-second' })
    await processAll()

    const friendEntries = await entriesOf(joined.headers, friendWallet!.wallet_id)
    expect(friendEntries.filter((e) => e.explanation.startsWith('Welcome bonus'))).toEqual([
      expect.objectContaining({
        points: 50,
        explanation: `Welcome bonus for joining ${s.name} through a friend: 50 pts`,
      }),
    ])
    expect((await walletAt(joined.headers, s.id))!.balance).toBe(12 + 12 + 50)
    const anaEntries = await entriesOf(ana.headers, ana.walletId)
    expect(anaEntries.filter((e) => e.explanation.startsWith('Referral bonus'))).toEqual([
      expect.objectContaining({ points: 100, explanation: `Referral bonus: a friend joined ${s.name}: 100 pts` }),
    ])
    expect((await walletAt(ana.headers, s.id))!.balance).toBe(110)
    const after = await (
      await getApp().request(`/wallets/${ana.walletId}`, { headers: { ...ana.headers, accept: 'text/html' } })
    ).text()
    expect(after).toContain('1 friend joined through your link; 1 earned you a bonus')
  }, 60_000)

  test('signing in again through the same link changes nothing', async () => {
    const s = await shop()
    const ana = await member(s.id, { points: 10 })
    const link = await linkOf(ana)
    const friendEmail = `friend${++n}@ref.test`
    await signInThrough(link, friendEmail)
    await Bun.sleep(1_100) // the resend cool-down between two codes to one address
    await signInThrough(link, friendEmail)
    expect(await recorded(s.id)).toHaveLength(1)
  }, 30_000)
})

describe('refused', () => {
  test('self-referral: the inviter signing in through their own link', async () => {
    const s = await shop()
    const ana = await member(s.id, { points: 10 })
    const r = await signInThrough(await linkOf(ana), ana.email)
    expect(r.location).toBe('/wallets')
    expect(await recorded(s.id)).toEqual([])
  }, 30_000)

  test('an existing member (points at the shop already) earns nothing for joining', async () => {
    const s = await shop()
    const ana = await member(s.id, { points: 10 })
    const bea = await member(s.id, { points: 5 })
    await signInThrough(await linkOf(ana), bea.email)
    expect(await recorded(s.id)).toEqual([])
    await sale(s, { email: bea.email, id: 'pay-existing' })
    await processAll()
    expect((await entriesOf(bea.headers, bea.walletId)).some((e) => e.explanation.startsWith('Welcome bonus'))).toBe(
      false,
    )
  }, 30_000)

  test('a loop: the friend who joined through Ana cannot bring Ana in (A→B→A)', async () => {
    const s = await shop()
    const ana = await member(s.id) // a member with no purchase yet, so only the loop rule stops it
    const beaEmail = `friend${++n}@ref.test`
    const bea = await signInThrough(await linkOf(ana), beaEmail)
    const beaWallet = (await walletAt(bea.headers, s.id))!.wallet_id
    await signInThrough(await linkOf({ headers: bea.headers, walletId: beaWallet }), ana.email)
    const rows = await recorded(s.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.outcome).toBe('joined')
  }, 30_000)

  test('past the monthly cap a friend still joins, recorded as capped, and neither side earns a bonus', async () => {
    const s = await shop({ cap: 1 })
    const ana = await member(s.id, { points: 10 })
    const link = await linkOf(ana)
    const first = `friend${++n}@ref.test`
    const second = `friend${++n}@ref.test`
    await signInThrough(link, first)
    const late = await signInThrough(link, second)
    expect((await recorded(s.id)).map((r) => r.outcome).sort()).toEqual(['capped', 'joined'])
    await sale(s, { email: first, id: 'pay-cap-1' })
    await sale(s, { email: second, id: 'pay-cap-2' })
    await processAll()
    const lateWallet = (await walletAt(late.headers, s.id))!
    expect(lateWallet.balance).toBe(12)
    expect((await walletAt(ana.headers, s.id))!.balance).toBe(110)
    const capped = await asSystem(getApp().deps.dbh.db, (tx) =>
      tx
        .select()
        .from(referrals)
        .where(and(eq(referrals.tenantId, s.id), eq(referrals.outcome, 'capped'))),
    )
    expect(capped).toHaveLength(1)
  }, 30_000)
})
