// A second contact (issue 13.5, api-v1 "/me/contacts"): proven with a code through the real OTP
// machinery and outbox; afterwards the account signs in with either contact and sees the wallets
// of both; a contact that signs another account in is refused, never merged.
import { describe, expect, test } from 'bun:test'
import { inTenant } from '../../src/infra/scope'
import { earn, ensureWallet } from '../../src/ledger'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { makeTenant } from '../helpers/identities'

const getApp = useTestApp({ RATE_LIMIT_SIGNIN_PER_IP: '10000' })
let n = 0
const unique = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 8)}@example.com`
const phoneNo = () => `+1415555${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`

async function pointsAtTheTill(tenantId: string, identity: { phone?: string; email?: string }, points: number) {
  const scope = { tenantId }
  await inTenant(getApp().deps.dbh.db, scope, async (tx) => {
    const member = await findOrCreateMemberByIdentity(tx, scope, identity)
    const wallet = await ensureWallet(tx, scope, member.id)
    await earn(tx, scope, {
      walletId: wallet.id,
      points,
      referenceType: 'pos_txn',
      referenceId: crypto.randomUUID(),
      ruleVersionId: null,
      explanation: `$${points}.00 → ${points} pts`,
    })
  })
}

async function latestCodeTo(to: string): Promise<string> {
  const outbox = (await getApp().json<{ to: string; body: string }[]>('/dev/outbox.json')).body
  return /\b(\d{6})\b/.exec(outbox.find((m) => m.to === to)!.body)![1]!
}

async function signIn(destination: string) {
  const { json } = getApp()
  expect((await json('/api/v1/auth/otp', { method: 'POST', body: { destination } })).status).toBe(202)
  const r = await json<{ access_token: string }>('/api/v1/auth/verify', {
    method: 'POST',
    body: { destination, code: await latestCodeTo(destination) },
  })
  expect(r.status).toBe(200)
  return { authorization: `Bearer ${r.body.access_token}` }
}

const me = async (headers: Record<string, string>) =>
  (await getApp().json<{ user_id: string; email: string | null; phone: string | null }>('/api/v1/me', { headers })).body
const wallets = async (headers: Record<string, string>) =>
  (await getApp().json<{ tenant_name: string; balance: number }[]>('/api/v1/consumer/wallets', { headers })).body
    .map((w) => [w.tenant_name, w.balance])
    .sort()

async function addContact(headers: Record<string, string>, destination: string) {
  const { json } = getApp()
  const sent = await json('/api/v1/me/contacts', { method: 'POST', headers, body: { destination } })
  expect(sent.status).toBe(202)
  // The code goes to the contact as normalised (E.164, lower case), whatever was typed.
  const code = await latestCodeTo(destination.replace(/\s/g, '').toLowerCase())
  return json<{ error?: { code: string; message: string }; phone?: string; email?: string }>(
    '/api/v1/me/contacts/verify',
    { method: 'POST', headers, body: { destination, code } },
  )
}

describe('adding a second contact', () => {
  test('verified: signs in with either contact, one account, and sees the wallets of both', async () => {
    const t = getApp()
    const email = unique('ana')
    const phone = phoneNo()
    const cafe = await makeTenant(t.deps, { name: 'Cafe by phone' })
    const books = await makeTenant(t.deps, { name: 'Books by email' })
    await pointsAtTheTill(cafe.id, { phone }, 30)
    await pointsAtTheTill(books.id, { email }, 12)
    const byEmail = await signIn(email)
    expect(await wallets(byEmail)).toEqual([['Books by email', 12]])

    const verified = await addContact(byEmail, phone.replace('+1', '+1 '))
    expect(verified.status).toBe(200)
    expect(verified.body).toMatchObject({ email, phone })
    expect(await wallets(byEmail)).toEqual([
      ['Books by email', 12],
      ['Cafe by phone', 30],
    ])

    const byPhone = await signIn(phone)
    expect((await me(byPhone)).user_id).toBe((await me(byEmail)).user_id)
    expect(await me(byPhone)).toMatchObject({ email, phone })
    expect(await wallets(byPhone)).toEqual([
      ['Books by email', 12],
      ['Cafe by phone', 30],
    ])
    // Verifying again (a retried request) is a no-op success.
    const again = await t.json('/api/v1/me/contacts/verify', {
      method: 'POST',
      headers: byPhone,
      body: { destination: phone, code: '000000' },
    })
    expect(again.status).toBe(200)
  })

  test('a contact that signs another account in: 409 with a clear message, nothing merged', async () => {
    const t = getApp()
    const phone = phoneNo()
    const owner = await signIn(phone)
    const shop = await makeTenant(t.deps, { name: 'Owner shop' })
    await pointsAtTheTill(shop.id, { phone }, 5)
    const other = await signIn(unique('other'))
    const r = await addContact(other, phone)
    expect(r.status).toBe(409)
    expect(r.body.error).toMatchObject({ code: 'conflict' })
    expect(r.body.error!.message).toContain('another SalesArck account')
    expect(r.body.error!.message).not.toContain(phone)
    expect((await me(other)).phone).toBeNull()
    expect(await wallets(other)).toEqual([])
    expect(await wallets(owner)).toEqual([['Owner shop', 5]])
  })

  test('a wrong code is 401; a contact code is not a sign-in code', async () => {
    const { json } = getApp()
    const headers = await signIn(unique('wrong'))
    const phone = phoneNo()
    expect((await json('/api/v1/me/contacts', { method: 'POST', headers, body: { destination: phone } })).status).toBe(
      202,
    )
    const code = await latestCodeTo(phone)
    const wrong = code === '111111' ? '222222' : '111111'
    expect(
      (await json('/api/v1/me/contacts/verify', { method: 'POST', headers, body: { destination: phone, code: wrong } }))
        .status,
    ).toBe(401)
    expect((await json('/api/v1/auth/verify', { method: 'POST', body: { destination: phone, code } })).status).toBe(401)
    expect((await me(headers)).phone).toBeNull()
    expect(
      (await json('/api/v1/me/contacts/verify', { method: 'POST', headers, body: { destination: phone, code } }))
        .status,
    ).toBe(200)
    expect((await me(headers)).phone).toBe(phone)
  })

  test('bad input, a second email, a resend too soon, no session', async () => {
    const { json } = getApp()
    const headers = await signIn(unique('limits'))
    const bad = await json<{ error: { code: string } }>('/api/v1/me/contacts', {
      method: 'POST',
      headers,
      body: { destination: 'not a contact' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('validation_failed')
    const second = await json<{ error: { code: string; message: string } }>('/api/v1/me/contacts', {
      method: 'POST',
      headers,
      body: { destination: unique('second') },
    })
    expect(second.status).toBe(409)
    expect(second.body.error.message).toBe('Your account already has an email address.')
    const phone = phoneNo()
    expect((await json('/api/v1/me/contacts', { method: 'POST', headers, body: { destination: phone } })).status).toBe(
      202,
    )
    const soon = await json('/api/v1/me/contacts', { method: 'POST', headers, body: { destination: phone } })
    expect(soon.status).toBe(429)
    expect(soon.headers.get('retry-after')).toBeTruthy()
    expect((await json('/api/v1/me/contacts', { method: 'POST', body: { destination: phone } })).status).toBe(401)
    expect(
      (await json('/api/v1/me/contacts/verify', { method: 'POST', headers, body: { destination: phone, code: 'abc' } }))
        .status,
    ).toBe(400)
  })
})
